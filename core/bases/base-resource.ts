// Bases (实训基地, 产教融合基地 …) as a REST resource; a school admin keeps its school's own.
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { baseKinds, baseLevels } from './schema.ts';
import { schoolOwnedAccess } from './school-owned-access.ts';

const OWNER_KINDS = ['school', 'enterprise', 'park'] as const;

export function baseResource(t: Translator): ResourceDef {
  return {
    path: 'bases',
    table: 'bases',
    entity: 'base',
    create: z.object({
      name: z.string().trim().min(1).max(200),
      kind: z.enum(baseKinds),
      ownerId: z.uuid(),
      partnerId: z.uuid().nullish(),
      level: z.enum(baseLevels).nullish(),
      establishedOn: z.iso.date().nullish(),
    }),
    filters: {
      kind: { schema: z.enum(baseKinds) },
      level: { schema: z.enum(baseLevels) },
      ownerId: { schema: z.uuid(), column: 'owner_id' },
    },
    sorts: { name: 'name', establishedOn: 'established_on', createdAt: 'created_at' },
    access: schoolOwnedAccess('owner_id'),
    validate: (ctx, input) =>
      checkOrganizationRefs(ctx, (key, params) => t(ctx.lang, key, params), [
        { field: 'ownerId', id: input.ownerId, kinds: OWNER_KINDS },
        { field: 'partnerId', id: input.partnerId, kinds: [...OWNER_KINDS, 'association'] },
      ]),
  };
}
