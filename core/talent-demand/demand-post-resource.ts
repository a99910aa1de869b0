// Talent demand posts as a REST resource: an enterprise mentor posts for its own enterprise,
// the bureau for any; schools and evaluators read them to plan enrolment and placement.
import { sql } from 'kysely';
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { demandStatuses } from './schema.ts';

export const majorCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[0-9]{4,6}[A-Z]?$/.test(v), { params: { key: 'talentDemand.majorCode' } });

export function demandPostResource(t: Translator): ResourceDef {
  return {
    path: 'talent-demand-posts',
    table: 'talent_demand_posts',
    entity: 'talent_demand_post',
    stamp: (user) => ({ posted_by: user.id }),
    create: z.object({
      enterpriseId: z.uuid(),
      position: z.string().trim().min(1).max(200),
      // A set, not a list: the same major twice says nothing more.
      majorCodes: z.array(majorCode).max(30).transform((codes) => [...new Set(codes)]).optional(),
      headcount: z.number().int().min(1).max(100_000),
      periodStart: z.iso.date(),
      periodEnd: z.iso.date(),
      description: z.string().trim().max(4000).nullish(),
      status: z.enum(demandStatuses).optional(),
    }),
    filters: {
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      status: { schema: z.enum(demandStatuses) },
      majorCode: { schema: majorCode, where: (_eb, code: string) => sql<boolean>`${code} = any(major_codes)` },
    },
    sorts: { periodStart: 'period_start', createdAt: 'created_at' },
    access: {
      read: (user) =>
        ['bureau_admin', 'evaluator', 'school_admin', 'teacher'].includes(user.role)
          ? true
          : user.role === 'enterprise_mentor'
            ? { equals: { enterprise_id: user.organizationId } }
            : false,
      write: (user) =>
        user.role === 'bureau_admin' ? true : user.role === 'enterprise_mentor' ? { equals: { enterprise_id: user.organizationId } } : false,
    },
    validate: async (ctx, input, existing) => {
      const tr = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
      const issues = await checkOrganizationRefs(ctx, tr, [{ field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] }]);
      if (((input.periodEnd ?? existing?.period_end) as string) < ((input.periodStart ?? existing?.period_start) as string))
        issues.push({ path: 'periodEnd', code: 'custom', message: tr('talentDemand.endBeforeStart') });
      return issues;
    },
  };
}
