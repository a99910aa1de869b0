// Trainings as a REST resource; a school admin keeps those its school provides.
import { z } from 'zod';
import { schoolOwnedAccess } from '../bases/school-owned-access.ts';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { trainingKinds } from './schema.ts';

export function trainingResource(t: Translator): ResourceDef {
  return {
    path: 'trainings',
    table: 'trainings',
    entity: 'training',
    create: z.object({
      providerId: z.uuid(),
      enterpriseId: z.uuid().nullish(),
      kind: z.enum(trainingKinds),
      title: z.string().trim().min(1).max(200),
      startOn: z.iso.date(),
      endOn: z.iso.date(),
      trainees: z.number().int().min(0).max(1_000_000).optional(),
      hours: z.number().min(0).max(999_999).refine((v) => Number.isInteger(v * 10), { params: { key: 'training.oneDecimal' } }).optional(),
    }),
    filters: {
      kind: { schema: z.enum(trainingKinds) },
      providerId: { schema: z.uuid(), column: 'provider_id' },
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      startsFrom: { schema: z.iso.date(), where: (eb, v: string) => eb('start_on', '>=', v) },
    },
    sorts: { startOn: 'start_on', title: 'title', createdAt: 'created_at' },
    numericColumns: ['hours'],
    access: schoolOwnedAccess('provider_id'),
    validate: async (ctx, input, existing) => {
      const tr = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
      const issues = await checkOrganizationRefs(ctx, tr, [
        { field: 'providerId', id: input.providerId, kinds: ['school', 'enterprise', 'association', 'park'] },
        { field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] },
      ]);
      if (((input.endOn ?? existing?.end_on) as string) < ((input.startOn ?? existing?.start_on) as string))
        issues.push({ path: 'endOn', code: 'custom', message: tr('training.endBeforeStart') });
      return issues;
    },
  };
}
