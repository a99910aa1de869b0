// School–enterprise agreements (× major) by cooperation mode, with signed and valid dates and
// status; "expiring within N days" lets the UI warn before an agreement lapses.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import { checkOrganizationRefs, checkRowRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { schoolRecordAccess } from '../majors/school-access.ts';
import { agreementModes, agreementStatuses } from './schema.ts';

const date = z.iso.date();

export const agreementInput = z.object({
  schoolId: z.uuid(),
  enterpriseId: z.uuid(),
  majorId: z.uuid().nullish(),
  mode: z.enum(agreementModes),
  title: z.string().trim().min(1).max(200),
  signedOn: date.nullish(),
  validFrom: date.nullish(),
  validUntil: date.nullish(),
  status: z.enum(agreementStatuses).optional(),
  attachmentId: z.uuid().nullish(),
});

/** Today in the tenant's own time zone, at the instant the clock gives. */
const tenantToday = (clock: Clock) =>
  sql<string>`(cast(${clock.now().toISOString()} as timestamptz) at time zone (select timezone from tenants where id = current_tenant_id()))::date`;

export function agreementResource(t: Translator, clock: Clock): ResourceDef {
  return {
    path: 'agreements',
    table: 'agreements',
    entity: 'agreement',
    create: agreementInput,
    filters: {
      schoolId: { schema: z.uuid(), column: 'school_id' },
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      majorId: { schema: z.uuid(), column: 'major_id' },
      mode: { schema: z.enum(agreementModes) },
      status: { schema: z.enum(agreementStatuses) },
      expiringWithinDays: {
        schema: z.coerce.number().int().min(0).max(3650),
        where: (eb, days: number) =>
          eb.between(eb.ref('valid_until'), tenantToday(clock), sql<string>`${tenantToday(clock)} + ${days}::integer`),
      },
    },
    sorts: { createdAt: 'created_at', title: 'title' },
    access: schoolRecordAccess,
    validate: async (ctx, input, existing) => {
      const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
      const has = (key: string) => input[key] !== undefined;
      const pick = <V>(key: string, column: string) => (has(key) ? input[key] : existing?.[column]) as V;
      const schoolId = pick<string>('schoolId', 'school_id');
      const majorId = pick<string | null | undefined>('majorId', 'major_id');
      const validFrom = pick<string | null | undefined>('validFrom', 'valid_from');
      const validUntil = pick<string | null | undefined>('validUntil', 'valid_until');

      const issues: FieldIssue[] = [
        ...(await checkOrganizationRefs(ctx, tr, [
          { field: 'schoolId', id: input.schoolId, kinds: ['school'] },
          { field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] },
        ])),
        ...(await checkRowRefs(ctx, tr, [{ field: 'attachmentId', table: 'attachments', id: input.attachmentId }])),
      ];
      if (majorId && (has('majorId') || has('schoolId'))) {
        const major = await ctx.tx.selectFrom('majors').select('school_id').where('id', '=', majorId).executeTakeFirst();
        if (!major) issues.push({ path: 'majorId', code: 'reference', message: tr('error.reference') });
        else if (major.school_id !== schoolId) issues.push({ path: 'majorId', code: 'custom', message: tr('agreement.majorOfOtherSchool') });
      }
      // Order classes hang off an order-class agreement; changing its mode would orphan them.
      if (existing && has('mode') && input.mode !== 'order_class' && existing.mode === 'order_class') {
        const orderClass = await ctx.tx.selectFrom('order_classes').select('id').where('agreement_id', '=', existing.id).executeTakeFirst();
        if (orderClass) issues.push({ path: 'mode', code: 'custom', message: tr('agreement.modeHasOrderClasses') });
      }
      if (validFrom && validUntil && validUntil < validFrom)
        issues.push({ path: has('validUntil') ? 'validUntil' : 'validFrom', code: 'custom', message: tr('agreement.validUntilBeforeFrom') });
      return issues;
    },
  };
}
