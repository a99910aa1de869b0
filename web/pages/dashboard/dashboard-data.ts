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
import { latestSnapshotsOf, latestTargetSnapshots, type TargetSnapshot } from '../../../core/targets/snapshot-reader.ts';

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
  const [targetSnapshots, findings, taskRows, reminderRows, schoolList, schoolSnapshots] = await Promise.all([
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
    tx.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'school').orderBy('name').limit(50).execute(),
    latestSnapshotsOf(tx, { metrics: schoolMetrics, scopeType: 'school', day: today }),
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

  const byId = new Map<string, DashboardData['schools'][number]>(schoolList.map((s) => [s.id, { ...s, values: {}, day: null }]));
  for (const snap of schoolSnapshots) {
    const school = byId.get(snap.scopeId);
    if (!school) continue;
    school.values[snap.metric as (typeof schoolMetrics)[number]] = snap.value;
    school.day = school.day && school.day > snap.day ? school.day : snap.day;
  }
  return { targets, counts, topFindings, tasks, reminders, schools: [...byId.values()] };
}
