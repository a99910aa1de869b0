// 产教融合型企业 / 试点企业 designations of an enterprise, with stage, level and dates.
// The bureau records them; everyone in the tenant may read them.
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { designationLevels, designationStages, designations } from './schema.ts';

const date = z.iso.date();

export function designationResource(t: Translator): ResourceDef {
  return {
    path: 'enterprise-designations',
    table: 'enterprise_designations',
    entity: 'enterprise_designation',
    create: z.object({
      enterpriseId: z.uuid(),
      designation: z.enum(designations),
      stage: z.enum(designationStages),
      level: z.enum(designationLevels),
      designatedOn: date.nullish(),
      expiresOn: date.nullish(),
      note: z.string().max(1000).nullish(),
    }),
    filters: {
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      stage: { schema: z.enum(designationStages) },
      designation: { schema: z.enum(designations) },
    },
    sorts: { createdAt: 'created_at' },
    access: { read: () => true, write: (user) => user.role === 'bureau_admin' },
    validate: (ctx, input) =>
      checkOrganizationRefs(ctx, (k, p) => t(ctx.lang, k, p), [{ field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] }]),
  };
}
