// Row types of policy tasks (a work item of a policy, with lead and co-responsible units) and their progress notes.
import type { Generated } from 'kysely';

export const taskStatuses = ['not_started', 'in_progress', 'done', 'cancelled'] as const;

export interface TasksTable {
  tenant_id: string;
  id: Generated<string>;
  plugin_id: string | null;
  task_key: string | null;
  title: string;
  clause: string | null;
  lead_unit_id: string | null;
  co_unit_ids: Generated<string[]>;
  due_on: string | null;
  status: Generated<(typeof taskStatuses)[number]>;
  progress: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TaskNotesTable {
  tenant_id: string;
  id: Generated<string>;
  task_id: string;
  note: string;
  progress: number | null;
  author_user_id: string | null;
  created_at: Generated<Date>;
}
