// Events as a REST resource; a school admin keeps those its school organises.
import { z } from 'zod';
import { schoolOwnedAccess } from '../bases/school-owned-access.ts';
import { checkOrganizationRefs, checkRowRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { organizationKinds } from '../organizations/schema.ts';
import type { Translator } from '../i18n/lang.ts';
import { eventKinds } from './schema.ts';

const count = z.number().int().min(0).max(1_000_000).optional();

export function eventResource(t: Translator): ResourceDef {
  return {
    path: 'events',
    table: 'events',
    entity: 'event',
    create: z.object({
      kind: z.enum(eventKinds),
      title: z.string().trim().min(1).max(200),
      heldOn: z.iso.date(),
      organiserId: z.uuid().nullish(),
      participants: z.string().trim().max(4000).nullish(),
      enterpriseCount: count,
      agreementsSigned: count,
      attendeeCount: count,
      minutesAttachmentId: z.uuid().nullish(),
    }),
    filters: {
      kind: { schema: z.enum(eventKinds) },
      organiserId: { schema: z.uuid(), column: 'organiser_id' },
      heldFrom: { schema: z.iso.date(), where: (eb, v: string) => eb('held_on', '>=', v) },
      heldUntil: { schema: z.iso.date(), where: (eb, v: string) => eb('held_on', '<=', v) },
    },
    sorts: { heldOn: 'held_on', title: 'title', createdAt: 'created_at' },
    access: schoolOwnedAccess('organiser_id'),
    validate: async (ctx, input) => {
      const tr = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
      return [
        ...(await checkOrganizationRefs(ctx, tr, [{ field: 'organiserId', id: input.organiserId, kinds: organizationKinds }])),
        ...(await checkRowRefs(ctx, tr, [{ field: 'minutesAttachmentId', table: 'attachments', id: input.minutesAttachmentId }])),
      ];
    },
  };
}
