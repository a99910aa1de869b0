// Policy tasks as a REST resource: the bureau plans them; a department officer of a lead or
// co-responsible unit may move only their status and progress.
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { forbidden } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { taskStatuses } from './schema.ts';
import { OFFICER_FIELDS, taskReadScope, taskWriteScope } from './task-access.ts';

export const taskInput = z.object({
  title: z.string().trim().min(1).max(300),
  clause: z.string().trim().min(1).max(200).nullish(),
  leadUnitId: z.uuid().nullish(),
  // A set, not a list: the same unit twice says nothing more.
  coUnitIds: z.array(z.uuid()).max(30).transform((ids) => [...new Set(ids)]).optional(),
  dueOn: z.iso.date().nullish(),
  status: z.enum(taskStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
});

export function taskResource(t: Translator): ResourceDef {
  return {
    path: 'tasks',
    table: 'tasks',
    entity: 'task',
    create: taskInput,
    filters: {
      status: { schema: z.enum(taskStatuses) },
      leadUnitId: { schema: z.uuid(), column: 'lead_unit_id' },
      dueBefore: { schema: z.iso.date(), where: (eb, v: string) => eb('due_on', '<=', v) },
    },
    sorts: { dueOn: 'due_on', title: 'title', createdAt: 'created_at' },
    access: { read: taskReadScope, write: taskWriteScope },
    validate: async (ctx, input, existing) => {
      if (ctx.user.role === 'department_officer' && (!existing || Object.keys(input).some((k) => !OFFICER_FIELDS.includes(k)))) throw forbidden();
      const coUnits = (input.coUnitIds ?? []) as string[];
      return checkOrganizationRefs(ctx, (key, params) => t(ctx.lang, key, params), [
        { field: 'leadUnitId', id: input.leadUnitId, kinds: ['department'] },
        ...coUnits.map((id, i) => ({ field: `coUnitIds.${i}`, id, kinds: ['department'] as const })),
      ]);
    },
  };
}
