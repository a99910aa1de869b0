// Major clusters (专业群) of a school, optionally serving one industry chain.
import { z } from 'zod';
import { checkOrganizationRefs, checkRowRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { schoolRecordAccess } from './school-access.ts';

export function majorClusterResource(t: Translator): ResourceDef {
  return {
    path: 'major-clusters',
    table: 'major_clusters',
    entity: 'major_cluster',
    create: z.object({
      schoolId: z.uuid(),
      name: z.string().trim().min(1).max(100),
      industryChainId: z.uuid().nullish(),
    }),
    filters: {
      schoolId: { schema: z.uuid(), column: 'school_id' },
      industryChainId: { schema: z.uuid(), column: 'industry_chain_id' },
    },
    sorts: { name: 'name', createdAt: 'created_at' },
    access: schoolRecordAccess,
    validate: async (ctx, input) => {
      const tr = (k: string, p?: Record<string, string | number>) => t(ctx.lang, k, p);
      return [
        ...(await checkOrganizationRefs(ctx, tr, [{ field: 'schoolId', id: input.schoolId, kinds: ['school'] }])),
        ...(await checkRowRefs(ctx, tr, [{ field: 'industryChainId', table: 'industry_chains', id: input.industryChainId }])),
      ];
    },
  };
}
