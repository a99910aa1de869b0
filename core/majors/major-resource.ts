// Majors of a school: 专业目录 code, name, cluster, industry chain, opened/closed dates and
// whether it is an integration major (产教融合专业).
import { z } from 'zod';
import { checkOrganizationRefs, checkRowRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { schoolRecordAccess } from './school-access.ts';

const date = z.iso.date();

export const majorInput = z.object({
  schoolId: z.uuid(),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^[0-9]{4,6}[A-Z]?$/.test(v), { params: { key: 'major.code' } }),
  name: z.string().trim().min(1).max(100),
  clusterId: z.uuid().nullish(),
  industryChainId: z.uuid().nullish(),
  openedOn: date.nullish(),
  closedOn: date.nullish(),
  isIntegration: z.boolean().optional(),
});

export function majorResource(t: Translator): ResourceDef {
  return {
    path: 'majors',
    table: 'majors',
    entity: 'major',
    create: majorInput,
    filters: {
      schoolId: { schema: z.uuid(), column: 'school_id' },
      clusterId: { schema: z.uuid(), column: 'cluster_id' },
      industryChainId: { schema: z.uuid(), column: 'industry_chain_id' },
      isIntegration: { schema: z.stringbool(), column: 'is_integration' },
      code: { schema: z.string().trim().toUpperCase() },
    },
    sorts: { code: 'code', name: 'name', createdAt: 'created_at' },
    access: schoolRecordAccess,
    validate: async (ctx, input, existing) => {
      const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
      const say = (path: string, key: string): FieldIssue => ({ path, code: 'custom', message: tr(key) });
      const has = (key: string) => input[key] !== undefined;
      const schoolId = (has('schoolId') ? input.schoolId : existing?.school_id) as string;
      const clusterId = (has('clusterId') ? input.clusterId : existing?.cluster_id) as string | null | undefined;
      const openedOn = (has('openedOn') ? input.openedOn : existing?.opened_on) as string | null | undefined;
      const closedOn = (has('closedOn') ? input.closedOn : existing?.closed_on) as string | null | undefined;

      const issues = [
        ...(await checkOrganizationRefs(ctx, tr, [{ field: 'schoolId', id: input.schoolId, kinds: ['school'] }])),
        ...(await checkRowRefs(ctx, tr, [{ field: 'industryChainId', table: 'industry_chains', id: input.industryChainId }])),
      ];
      // Checked whenever either side changes: moving a major to another school must not leave
      // it in the old school's cluster.
      if (clusterId && (has('clusterId') || has('schoolId'))) {
        const cluster = await ctx.tx.selectFrom('major_clusters').select('school_id').where('id', '=', clusterId).executeTakeFirst();
        if (!cluster) issues.push({ path: 'clusterId', code: 'reference', message: tr('error.reference') });
        else if (cluster.school_id !== schoolId) issues.push(say('clusterId', 'major.clusterOfOtherSchool'));
      }
      if (openedOn && closedOn && closedOn < openedOn) issues.push(say(has('closedOn') ? 'closedOn' : 'openedOn', 'major.closedBeforeOpened'));
      return issues;
    },
  };
}
