// Puts a tenant's plugins' phased work items into the tasks table, so the bureau and the
// responsible departments track them like any task: lead unit = the first 责任单位 listed.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';

export interface TaskSync {
  /** Tasks inserted or whose definition changed. */
  upserted: number;
  /** Department organisations created for units the tenant did not have yet. */
  unitsCreated: number;
  /** Not-started tasks cancelled because their plugin no longer defines them. */
  cancelled: number;
}

/**
 * Status and progress belong to the departments once a task exists: a re-sync updates only
 * what the policy text says (title, clause, units, due date), never the work done.
 */
export async function syncPluginTasks(tx: Tx, tenantId: string, plugins: readonly PolicyPlugin[]): Promise<TaskSync> {
  const tasks = plugins.flatMap((p) => p.tasks.map((task) => ({ pluginId: p.id, task })));
  const unitNames = [...new Set(tasks.flatMap(({ task }) => [task.leadUnit, ...task.coUnits]))];

  const existing = unitNames.length === 0 ? [] : await tx.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'department').where('name', 'in', unitNames).orderBy('created_at').execute();
  const unitId = new Map<string, string>();
  for (const o of existing) if (!unitId.has(o.name)) unitId.set(o.name, o.id);
  const missing = unitNames.filter((n) => !unitId.has(n));
  if (missing.length > 0) {
    const created = await tx
      .insertInto('organizations')
      .values(missing.map((name) => ({ tenant_id: tenantId, kind: 'department' as const, name })))
      .returning(['id', 'name'])
      .execute();
    for (const o of created) unitId.set(o.name, o.id);
  }

  const rows = tasks.map(({ pluginId, task }) => ({
    plugin_id: pluginId,
    task_key: task.id,
    title: task.title['zh-CN'],
    clause: task.clause,
    lead_unit_id: unitId.get(task.leadUnit)!,
    co_unit_ids: [...new Set(task.coUnits.map((u) => unitId.get(u)!))].filter((id) => id !== unitId.get(task.leadUnit)),
    due_on: task.due,
  }));
  const upserted =
    rows.length === 0
      ? 0
      : Number(
          (
            await sql`
        insert into tasks (tenant_id, plugin_id, task_key, title, clause, lead_unit_id, co_unit_ids, due_on)
        select ${tenantId}::uuid, x.plugin_id, x.task_key, x.title, x.clause, x.lead_unit_id, array(select jsonb_array_elements_text(x.co_unit_ids))::uuid[], x.due_on
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(plugin_id text, task_key text, title text, clause text, lead_unit_id uuid, co_unit_ids jsonb, due_on date)
        on conflict on constraint tasks_plugin_key do update set
          title = excluded.title, clause = excluded.clause, lead_unit_id = excluded.lead_unit_id,
          co_unit_ids = excluded.co_unit_ids, due_on = excluded.due_on, updated_at = now(), version = tasks.version + 1
        where (tasks.title, tasks.clause, tasks.lead_unit_id, tasks.co_unit_ids, tasks.due_on)
          is distinct from (excluded.title, excluded.clause, excluded.lead_unit_id, excluded.co_unit_ids, excluded.due_on)`.execute(tx)
          ).numAffectedRows ?? 0,
        );

  const keys = rows.map((r) => `${r.plugin_id}|${r.task_key}`);
  const cancelled = await sql`
    update tasks set status = 'cancelled', updated_at = now(), version = version + 1
    where plugin_id in (select jsonb_array_elements_text(${JSON.stringify(plugins.map((p) => p.id))}::jsonb))
      and status = 'not_started'
      and plugin_id || '|' || task_key not in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`.execute(tx);
  return { upserted, unitsCreated: missing.length, cancelled: Number(cancelled.numAffectedRows ?? 0) };
}
