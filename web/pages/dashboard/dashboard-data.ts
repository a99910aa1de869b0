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
import { findingsVersionQuery, openFindingSummary } from './finding-summary.ts';
import { latestTargetSnapshotsQuery, toTargetSnapshot, type TargetSnapshot, type TargetSnapshotRow } from '../../../core/targets/snapshot-reader.ts';

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
  const read = await dashboardRead(tx, today);
  const targetSnapshots = read.targets.map(toTargetSnapshot);
  const findings = await openFindingSummary(tx, tenantId, read.findings_version);
  const taskRows = read.tasks;
  const reminderRows = read.reminders;

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
  return { targets, counts, topFindings, tasks, reminders, schools: schoolsOf(read.schools) };
}

/** How many schools the comparison shows (the first by name). */
const COMPARED_SCHOOLS = 50;

export interface DashboardRead {
  targets: TargetSnapshotRow[];
  findings_version: string;
  tasks: { id: string; title: string; unit: string | null; due_on: string | null; status: string; progress: number }[];
  reminders: { title: unknown; due_on: string | null; clause: string }[];
  schools: [id: string, name: string, snapshots: [metric: string, day: string, value: string][] | null][];
}

/**
 * Everything the page reads, as one statement: a transaction's queries run one after another on
 * its connection (Kysely waits for each answer before sending the next), so six reads were six
 * round trips; here each is a JSON column of one row. Orders are given inside json_agg, so the
 * arrays keep them.
 *
 * The school comparison is the first schools by name, each with its latest snapshot of every
 * compared metric on or before `today`: one index probe per school and metric
 * (metric_snapshots_latest_idx), 50 × 5 however many schools and days of snapshots the tenant has,
 * where reading every school's snapshots and keeping the latest visited all of them (≈ 3,800 rows,
 * 13 ms for 200 schools after one roll-up, and growing with every day rolled up).
 */
export const dashboardReadQuery = (today: string) => sql<DashboardRead>`
    select
      (select coalesce(json_agg(t), '[]') from (${latestTargetSnapshotsQuery(today)}) t) as targets,
      (select v.version from (${findingsVersionQuery()}) v) as findings_version,
      -- Overdue first, then by due date; a unit's tasks stay together on the page.
      (select coalesce(json_agg(t order by t.late, t.due asc nulls last), '[]') from (
        select tasks.id, tasks.title, o.name as unit, tasks.due_on::text as due_on, tasks.status, tasks.progress,
               case when tasks.due_on < ${today}::date then 0 else 1 end as late, tasks.due_on as due
        from tasks
        left join organizations o on o.tenant_id = tasks.tenant_id and o.id = tasks.lead_unit_id
        where tasks.tenant_id = current_tenant_id() and tasks.status not in ('done', 'cancelled')
        order by late, due asc nulls last
        limit 60) t) as tasks,
      (select coalesce(json_agg(r order by r.due asc nulls last), '[]') from (
        select title, due_on::text as due_on, clause, due_on as due from reminders
        where tenant_id = current_tenant_id() and status in ('pending', 'sending')
        order by due asc nulls last
        limit 6) r) as reminders,
      -- Per school [id, name, [[metric, day, value], …] or null], the latest snapshot of each metric.
      (select coalesce(json_agg(json_build_array(o.id, o.name, sn.list) order by o.n), '[]') from (
        select id, name, row_number() over (order by name) as n from organizations
        where tenant_id = current_tenant_id() and kind = 'school' order by name limit ${COMPARED_SCHOOLS}) o
      cross join lateral (
        select json_agg(json_build_array(m.metric, l.day::text, l.value::text) order by m.k) as list
        from (values ${sql.join(schoolMetrics.map((m, k) => sql`(${k}::int, ${m}::text)`))}) as m(k, metric)
        cross join lateral (
          select s.day, s.value from metric_snapshots s
          where s.tenant_id = current_tenant_id() and s.metric = m.metric and s.scope_type = 'school' and s.scope_id = o.id and s.day <= ${today}::date
          order by s.day desc limit 1) l) sn) as schools`;

async function dashboardRead(tx: Tx, today: string): Promise<DashboardRead> {
  const { rows } = await dashboardReadQuery(today).execute(tx);
  return rows[0]!;
}

function schoolsOf(rows: DashboardRead['schools']): DashboardData['schools'] {
  return rows.map(([id, name, snapshots]) => {
    const school: DashboardData['schools'][number] = { id, name, values: {}, day: null };
    for (const [metric, day, value] of snapshots ?? []) {
      school.values[metric as (typeof schoolMetrics)[number]] = Number(value);
      school.day = school.day && school.day > day ? school.day : day;
    }
    return school;
  });
}
