// Order classes (定向委培班 / 企业冠名班 / 企业订单班) under an order-class agreement: cohort year,
// planned and enrolled counts. The enrolled count is the recorded figure, not a tally of students.
import { z } from 'zod';
import type { ResourceDef } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { orderClassAccess, writableSchool } from './order-class-access.ts';
import { orderClassKinds } from './schema.ts';

const count = z.number().int().min(0).max(100_000);

export function orderClassResource(t: Translator): ResourceDef {
  return {
    path: 'order-classes',
    table: 'order_classes',
    entity: 'order_class',
    create: z.object({
      agreementId: z.uuid(),
      name: z.string().trim().min(1).max(100),
      kind: z.enum(orderClassKinds),
      cohortYear: z.number().int().min(1990).max(2100),
      plannedCount: count.optional(),
      enrolledCount: count.optional(),
    }),
    filters: {
      agreementId: { schema: z.uuid(), column: 'agreement_id' },
      kind: { schema: z.enum(orderClassKinds) },
      cohortYear: { schema: z.coerce.number().int(), column: 'cohort_year' },
      schoolId: {
        schema: z.uuid(),
        where: (eb, schoolId: string) => eb('agreement_id', 'in', eb.selectFrom('agreements').select('agreements.id').where('agreements.school_id', '=', schoolId)),
      },
    },
    sorts: { createdAt: 'created_at', name: 'name', cohortYear: 'cohort_year' },
    access: orderClassAccess,
    validate: async (ctx, input) => {
      if (input.agreementId === undefined) return [];
      const issues: FieldIssue[] = [];
      const school = writableSchool(ctx.user);
      let q = ctx.tx.selectFrom('agreements').select('mode').where('id', '=', input.agreementId as string);
      // Another school's agreement is as good as absent to a school admin.
      if (school) q = q.where('school_id', '=', school);
      const agreement = school === null ? undefined : await q.executeTakeFirst();
      if (!agreement) issues.push({ path: 'agreementId', code: 'reference', message: t(ctx.lang, 'error.reference') });
      else if (agreement.mode !== 'order_class') issues.push({ path: 'agreementId', code: 'custom', message: t(ctx.lang, 'orderClass.agreementMode') });
      return issues;
    },
  };
}
