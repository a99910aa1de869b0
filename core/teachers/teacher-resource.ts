// Teachers as a REST resource: the teacher number is the natural key within the tenant; a
// linked user must be a teacher of the same school; a 双师型 date only with the status.
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { qualificationLevels } from './schema.ts';
import { teacherReadScope, teacherWriteScope } from './teacher-access.ts';

const date = z.iso.date();
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();
const bool = z.enum(['true', 'false']);

export const teacherInput = z.object({
  schoolId: z.uuid(),
  teacherNumber: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(60),
  userId: z.uuid().nullish(),
  hireDate: date.nullish(),
  subject: optionalText(100),
  isProfessional: z.boolean().optional(),
  dualQualified: z.boolean().optional(),
  dualQualifiedOn: date.nullish(),
  priorEnterpriseYears: z
    .number()
    .min(0)
    .max(999.9)
    .refine((v) => Number.isInteger(v * 10), { params: { key: 'teacher.oneDecimal' } })
    .optional(),
  qualificationLevel: z.enum(qualificationLevels).nullish(),
});

export function teacherResource(t: Translator): ResourceDef {
  return {
    path: 'teachers',
    table: 'teachers',
    entity: 'teacher',
    create: teacherInput,
    filters: {
      schoolId: { schema: z.uuid(), column: 'school_id' },
      teacherNumber: { schema: z.string().min(1).max(40), column: 'teacher_number' },
      dualQualified: { schema: bool, where: (eb, v: 'true' | 'false') => eb('dual_qualified', '=', v === 'true') },
      isProfessional: { schema: bool, where: (eb, v: 'true' | 'false') => eb('is_professional', '=', v === 'true') },
      qualificationLevel: { schema: z.enum(qualificationLevels), column: 'qualification_level' },
      q: { schema: z.string().min(1).max(100), where: (eb, q: string) => eb('name', 'like', `%${q.replace(/[%_\\]/g, '\\$&')}%`) },
    },
    sorts: { name: 'name', teacherNumber: 'teacher_number', hireDate: 'hire_date', createdAt: 'created_at' },
    numericColumns: ['prior_enterprise_years'],
    access: { read: teacherReadScope, write: teacherWriteScope },
    validate: async (ctx, input, existing) => {
      const tr = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
      const issues = await checkOrganizationRefs(ctx, tr, [{ field: 'schoolId', id: input.schoolId, kinds: ['school'] }]);
      const has = (key: string) => input[key] !== undefined;
      const dual = has('dualQualified') ? input.dualQualified : existing?.dual_qualified;
      const dualOn = has('dualQualifiedOn') ? input.dualQualifiedOn : existing?.dual_qualified_on;
      if (!dual && dualOn) issues.push({ path: 'dualQualifiedOn', code: 'custom', message: tr('teacher.dualDateWithoutStatus') });
      const schoolId = (input.schoolId ?? existing?.school_id) as string;
      const userId = (has('userId') ? input.userId : existing?.user_id) as string | null | undefined;
      if (userId && (has('userId') || has('schoolId')) && !issues.some((i) => i.path === 'schoolId'))
        issues.push(...(await checkLinkedUser(ctx.tx, userId, schoolId, tr)));
      return issues;
    },
  };
}

async function checkLinkedUser(
  tx: Parameters<NonNullable<ResourceDef['validate']>>[0]['tx'],
  userId: string,
  schoolId: string,
  tr: (key: string) => string,
): Promise<FieldIssue[]> {
  const user = await tx.selectFrom('users').select(['role', 'organization_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) return [{ path: 'userId', code: 'reference', message: tr('error.reference') }];
  if (user.role !== 'teacher' || user.organization_id !== schoolId)
    return [{ path: 'userId', code: 'custom', message: tr('teacher.userNotTeacherOfSchool') }];
  return [];
}
