// Teachers' enterprise practice periods (企业实践登记表) as a REST resource. A teacher records
// only its own periods; the teacher a period belongs to must be one the caller can see.
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceContext, ResourceDef, Scope } from '../crud/resource.ts';
import { forbidden, type FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { practiceRatings } from './schema.ts';
import { practiceReadScope, practiceWriteScope, teacherReadScope } from './teacher-access.ts';

const date = z.iso.date();
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

export const practicePeriodInput = z.object({
  teacherId: z.uuid(),
  enterpriseId: z.uuid().nullish(),
  enterpriseName: z.string().trim().min(1).max(200),
  startOn: date,
  endOn: date,
  content: optionalText(4000),
  enterpriseEvaluation: optionalText(4000),
  enterpriseRating: z.enum(practiceRatings).nullish(),
  schoolOpinion: optionalText(4000),
});

export function practicePeriodResource(t: Translator): ResourceDef {
  return {
    path: 'teacher-practice-periods',
    table: 'teacher_practice_periods',
    entity: 'teacher_practice_period',
    create: practicePeriodInput,
    filters: {
      teacherId: { schema: z.uuid(), column: 'teacher_id' },
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      endsFrom: { schema: date, where: (eb, v: string) => eb('end_on', '>=', v) },
      startsUntil: { schema: date, where: (eb, v: string) => eb('start_on', '<=', v) },
    },
    sorts: { startOn: 'start_on', endOn: 'end_on', createdAt: 'created_at' },
    access: { read: practiceReadScope, write: practiceWriteScope },
    validate: async (ctx, input, existing) => {
      const tr = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
      const issues = await checkOrganizationRefs(ctx, tr, [{ field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] }]);
      if (input.teacherId !== undefined) issues.push(...(await checkTeacher(ctx, input.teacherId as string, tr)));
      const start = (input.startOn ?? existing?.start_on) as string;
      const end = (input.endOn ?? existing?.end_on) as string;
      if (end < start) issues.push({ path: 'endOn', code: 'custom', message: tr('teacherPractice.endBeforeStart') });
      return issues;
    },
  };
}

/** A teacher the caller cannot see is no reference at all (422); one it sees but may not write for, 403. */
async function checkTeacher(ctx: ResourceContext, teacherId: string, tr: (key: string) => string): Promise<FieldIssue[]> {
  const teacher = await visible(ctx, teacherId, teacherReadScope(ctx.user));
  if (!teacher) return [{ path: 'teacherId', code: 'reference', message: tr('error.reference') }];
  if (ctx.user.role === 'teacher' && teacher.user_id !== ctx.user.id) throw forbidden();
  return [];
}

async function visible(ctx: ResourceContext, id: string, scope: Scope) {
  if (scope === false) return undefined;
  let q = ctx.tx.selectFrom('teachers').select(['id', 'user_id']).where('id', '=', id);
  if (scope !== true) for (const [column, value] of Object.entries(scope.equals ?? {})) q = q.where(column as 'school_id', '=', value as string);
  return q.executeTakeFirst();
}
