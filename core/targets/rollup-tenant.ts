// The nightly (or on-demand) rollup of one tenant for one day: every metric per tenant, school,
// major cluster and industry chain, and every enabled plugin target's progress, written as
// snapshots. One transaction, one set-based INSERT … SELECT per fact family (one scan each),
// idempotent (upserts, then rows of that day the run did not produce are removed), and
// serialised per tenant and day by an advisory lock so two runs at once cannot interleave.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { metricNames, resolveMetric, type MetricInstance } from '../metrics/catalog.ts';
import { metricRowsQuery, type MetricRow } from '../metrics/compute-metric.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { scopeTypes } from './schema.ts';
import { tenantTargetProgress } from './target-progress.ts';

/** Memory per sort or hash of the rollup's queries (PostgreSQL's work_mem, this transaction only). */
const ROLLUP_WORK_MEM = '64MB';

/** Rows per upsert, sent as one JSON parameter (about 100 bytes a row). */
const UPSERT_CHUNK = 20_000;

export interface RollupResult {
  tenantId: string;
  day: string;
  metrics: number;
  metricRows: number;
  targetRows: number;
  /** Metric names plugins use that this installation cannot compute, with the reason. */
  unknownMetrics: { metric: string; problem: string }[];
  ms: number;
}

/**
 * The metrics a rollup snapshots: every catalogue metric that needs no arguments, and every
 * metric the plugins' targets and report sections name (with their arguments).
 */
export function rollupMetrics(plugins: readonly PolicyPlugin[]): { instances: MetricInstance[]; unknown: { metric: string; problem: string }[] } {
  const names = new Set<string>();
  for (const base of metricNames) names.add(base);
  for (const p of plugins) {
    for (const t of p.targets) names.add(t.metric);
    for (const r of p.reports) for (const s of r.sections) for (const m of s.metrics) names.add(m);
  }
  const instances: MetricInstance[] = [];
  const unknown: { metric: string; problem: string }[] = [];
  for (const name of names) {
    try {
      instances.push(resolveMetric(name));
    } catch (error) {
      // A base that needs arguments is only snapshotted as the plugins name it.
      if (!metricNames.includes(name)) unknown.push({ metric: name, problem: (error as Error).message });
    }
  }
  return { instances, unknown };
}

/** Rolls up `tenantId` for `day` in its own tenant transaction. */
export function rollupTenant(db: Db, tenantId: string, day: string, plugins: readonly PolicyPlugin[]): Promise<RollupResult> {
  return withTenant(db, tenantId, (tx) => rollupInTransaction(tx, tenantId, day, plugins));
}

/** The rollup inside a transaction already scoped to `tenantId` (an API request's). */
export async function rollupInTransaction(tx: Tx, tenantId: string, day: string, plugins: readonly PolicyPlugin[]): Promise<RollupResult> {
  const started = performance.now();
  const { instances, unknown } = rollupMetrics(plugins);
  await sql`select pg_advisory_xact_lock(hashtextextended(${`rollup:${tenantId}:${day}`}, 0))`.execute(tx);
  // The big families hash-join internships, students and evaluations (a million rows): with the
  // default 4 MB each hash spills to temporary files in batches; a rollup is one job at a time
  // per tenant, so it may use more, for this transaction only. No JIT either: the internships
  // statement's cost starts it, and compiling its ~200 expressions in the leader and again in each
  // parallel worker took longer (≈ 150–250 ms CPU a process) than it saved on a million rows.
  await sql`select set_config('work_mem', ${ROLLUP_WORK_MEM}, true), set_config('jit', 'off', true)`.execute(tx);
  const tenant = await tx.selectFrom('tenants').select(['id', 'timezone']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const ctx = { tenantId, at: day, timezone: tenant.timezone };
  const families = new Map<string, MetricInstance[]>();
  for (const m of instances) families.set(m.family.key, [...(families.get(m.family.key) ?? []), m]);

  const rows: MetricRow[] = [];
  for (const group of families.values()) {
    // A plain SELECT, not INSERT … SELECT: PostgreSQL plans no parallel scan for a writing statement,
    // and the few thousand result rows cost little to send back.
    for (const row of (await metricRowsQuery(ctx, group[0]!.family, group, scopeTypes).execute(tx)).rows) rows.push(row);
  }
  // Every family's rows in one statement with one JSON parameter: a multi-row VALUES of 6
  // parameters a row cost more to build, send and parse (about 30,000 parameters per 5,000 rows)
  // than the upsert itself. Values stay the driver's numeric text, so nothing is rounded.
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const chunk = rows.slice(i, i + UPSERT_CHUNK).map((r) => ({ m: r.metric, t: r.scope_type, s: r.scope_id, v: r.value }));
    await sql`
      insert into metric_snapshots (tenant_id, day, metric, scope_type, scope_id, value)
      select ${tenantId}::uuid, ${day}::date, r.m, r.t, r.s, r.v from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(m text, t text, s uuid, v numeric)
      on conflict on constraint metric_snapshots_key do update set value = excluded.value, computed_at = excluded.computed_at`.execute(tx);
  }
  const metricRows = rows.length;
  // now() is the transaction's start: rows this run wrote carry it, older ones of the day are stale.
  await sql`delete from metric_snapshots where tenant_id = ${tenantId}::uuid and day = ${day}::date and computed_at < now()`.execute(tx);

  const targetRows = await snapshotTargets(tx, tenantId, day, plugins);
  return { tenantId, day, metrics: instances.length, metricRows, targetRows, unknownMetrics: unknown, ms: Math.round(performance.now() - started) };
}

async function snapshotTargets(tx: Tx, tenantId: string, day: string, plugins: readonly PolicyPlugin[]): Promise<number> {
  const values = await tx
    .selectFrom('metric_snapshots')
    .select(['metric', 'value'])
    .where('tenant_id', '=', tenantId)
    .where('day', '=', day)
    .where('scope_type', '=', 'tenant')
    .execute();
  const progress = await tenantTargetProgress(tx, plugins, day, { values: new Map(values.map((v) => [v.metric, Number(v.value)])) });
  const rows = progress
    .filter((p) => p.status !== null)
    .map((p) => ({
      tenant_id: tenantId, day, plugin_id: p.pluginId, target_id: p.targetId, metric: p.metric,
      value: p.value!, goal: p.goal, expected: p.expected!, status: p.status!,
    }));
  if (rows.length > 0) {
    await tx
      .insertInto('target_snapshots')
      .values(rows)
      .onConflict((oc) =>
        oc.constraint('target_snapshots_key').doUpdateSet((eb) => ({
          metric: eb.ref('excluded.metric'), value: eb.ref('excluded.value'), goal: eb.ref('excluded.goal'),
          expected: eb.ref('excluded.expected'), status: eb.ref('excluded.status'), computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
  await sql`delete from target_snapshots where tenant_id = ${tenantId}::uuid and day = ${day}::date and computed_at < now()`.execute(tx);
  return rows.length;
}
