// What the bureau dashboard shows, read in the request's transaction: target progress and the
// per-school comparison from the daily snapshots (so a million internships cost no more than a
// hundred), open findings by severity as of the last evaluation run, tasks by responsible unit,
// and reminders coming up.
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import type { Lang } from '../../../core/i18n/lang.ts';
import { describeFinding, type FindingJson } from '../../../core/policy-engine/describe-finding.ts';
import type { PluginRegistry } from '../../../core/policy-engine/tenant-plugins.ts';
import type { Severity } from '../../../core/policy/finding.ts';
import { openFindingSummary } from './finding-summary.ts';
import { latestTargetSnapshots, type TargetSnapshot } from '../../../core/targets/snapshot-reader.ts';

/** The metrics of the per-school comparison, in column order. */
export const schoolMetrics = ['internships.count', 'internships.insured.ratio', 'internships.dualEvaluated.ratio', 'agreements.active', 'enterprises.withActiveAgreement'] as const;

export interface TargetRow extends TargetSnapshot {
  title: string;
  deadline: string | null;
  comparison: 'at-least' | 'at-most';
}

export interface TaskRow {
  id: string;
  title: string;
  unit: string | null;
  dueOn: string | null;
  status: string;
  progress: number;
  overdue: boolean;
}

export interface DashboardData {
  targets: TargetRow[];
  counts: Record<Severity, number>;
  topFindings: FindingJson[];
  tasks: TaskRow[];
  reminders: { title: string; dueOn: string | null; clause: string }[];
  schools: { id: string; name: string; values: Partial<Record<(typeof schoolMetrics)[number], number>>; day: string | null }[];
}

export async function dashboardData(tx: Tx, tenantId: string, registry: PluginRegistry, lang: Lang, today: string): Promise<DashboardData> {
  // Independent reads, asked for together: on PostgreSQL they share the transaction's connection
  // in one pipeline instead of a round trip each (PGlite runs them one after another anyway).
  const [targetSnapshots, findings, taskRows, reminderRows, schools] = await Promise.all([
    latestTargetSnapshots(tx, today),
    openFindingSummary(tx, tenantId),
    tx
      .selectFrom('tasks')
      .leftJoin('organizations as o', (j) => j.onRef('o.tenant_id', '=', 'tasks.tenant_id').onRef('o.id', '=', 'tasks.lead_unit_id'))
      .select(['tasks.id', 'tasks.title', 'o.name as unit', sql<string | null>`tasks.due_on::text`.as('due_on'), 'tasks.status', 'tasks.progress'])
      .where('tasks.status', 'not in', ['done', 'cancelled'])
      // Overdue first, then by due date; a unit's tasks stay together below.
      .orderBy(sql`case when tasks.due_on < ${today}::date then 0 else 1 end`)
      .orderBy(sql`tasks.due_on asc nulls last`)
      .limit(60)
      .execute(),
    tx
      .selectFrom('reminders')
      .select(['title', sql<string | null>`due_on::text`.as('due_on'), 'clause'])
      .where('status', 'in', ['pending', 'sending'])
      .orderBy(sql`due_on asc nulls last`)
      .limit(6)
      .execute(),
    schoolComparison(tx, today),
  ]);

  const targets = targetSnapshots.map((s) => {
    const target = registry.get(s.pluginId)?.targets.find((t) => t.id === s.targetId);
    return { ...s, title: target?.title[lang] ?? s.targetId, deadline: target?.deadline ?? null, comparison: target?.comparison ?? 'at-least' };
  });
  const order = { red: 0, amber: 1, green: 2 } as const;
  targets.sort((a, b) => order[a.status] - order[b.status] || a.title.localeCompare(b.title));

  const counts = findings.counts;
  const topFindings = findings.top.map((r) => describeFinding(r, registry, lang));
  const tasks = taskRows.map((t) => ({
    id: t.id,
    title: t.title,
    unit: t.unit,
    dueOn: t.due_on,
    status: t.status,
    progress: t.progress,
    overdue: t.due_on !== null && t.due_on < today,
  }));
  const reminders = reminderRows.map((r) => ({ title: (r.title as Record<string, string>)[lang] ?? '', dueOn: r.due_on, clause: r.clause }));
  return { targets, counts, topFindings, tasks, reminders, schools };
}

/** How many schools the comparison shows (the first by name). */
const COMPARED_SCHOOLS = 50;

/**
 * The first schools by name, each with its latest snapshot of every compared metric on or before
 * `today`. One index probe per school and metric (metric_snapshots_latest_idx): the cost stays at
 * 50 × 5 probes however many schools and days of snapshots the tenant has, where reading every
 * school's snapshots and keeping the latest visited all of them (≈ 3,800 rows, 13 ms for 200 schools
 * after one roll-up, and growing with every day rolled up).
 */
async function schoolComparison(tx: Tx, today: string): Promise<DashboardData['schools']> {
  const { rows } = await sql<{ id: string; name: string; metric: string; day: string | null; value: string | null }>`
    select o.id, o.name, m.metric, l.day::text as day, l.value
    from (select id, name, row_number() over (order by name) as n from organizations
          where tenant_id = current_tenant_id() and kind = 'school' order by name limit ${COMPARED_SCHOOLS}) o
    cross join (values ${sql.join(schoolMetrics.map((m) => sql`(${m}::text)`))}) as m(metric)
    left join lateral (
      select s.day, s.value from metric_snapshots s
      where s.tenant_id = current_tenant_id() and s.metric = m.metric and s.scope_type = 'school' and s.scope_id = o.id and s.day <= ${today}::date
      order by s.day desc limit 1) l on true
    order by o.n`.execute(tx);
  const byId = new Map<string, DashboardData['schools'][number]>();
  for (const r of rows) {
    let school = byId.get(r.id);
    if (!school) byId.set(r.id, (school = { id: r.id, name: r.name, values: {}, day: null }));
    if (r.day === null || r.value === null) continue;
    school.values[r.metric as (typeof schoolMetrics)[number]] = Number(r.value);
    school.day = school.day && school.day > r.day ? school.day : r.day;
  }
  return [...byId.values()];
}
