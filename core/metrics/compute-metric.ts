// Metrics as SQL: the instances of one family aggregated in a single GROUP BY GROUPING SETS over
// its facts, zero-filled for every scope that exists (a school with no rows gets 0, not nothing),
// and unpivoted to (metric, scope_type, scope_id, value) rows: the rows a rollup inserts as they are.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { ScopeType } from '../targets/schema.ts';
import { resolveMetric, type MetricInstance } from './catalog.ts';
import type { Family, MetricContext } from './facts.ts';

export type { MetricContext } from './facts.ts';

export interface MetricRow {
  metric: string;
  scope_type: ScopeType;
  scope_id: string;
  /** numeric, as the driver returns it. */
  value: string;
}

const scopeColumn: Record<Exclude<ScopeType, 'tenant'>, string> = { school: 'school_id', majorCluster: 'cluster_id', industryChain: 'chain_id' };

function scopesRelation(ctx: MetricContext, types: readonly ScopeType[], onlyId: string | undefined): RawBuilder<unknown> {
  const id = (col: string) => (onlyId === undefined ? sql`` : sql` and ${sql.ref(col)} = ${onlyId}::uuid`);
  const parts = types.map((type) => {
    switch (type) {
      case 'tenant':
        return sql`select 'tenant'::text as scope_type, ${ctx.tenantId}::uuid as scope_id`;
      case 'school':
        return sql`select 'school'::text as scope_type, o.id as scope_id from organizations o where o.tenant_id = ${ctx.tenantId} and o.kind = 'school'${id('o.id')}`;
      case 'majorCluster':
        return sql`select 'majorCluster'::text as scope_type, c.id as scope_id from major_clusters c where c.tenant_id = ${ctx.tenantId}${id('c.id')}`;
      case 'industryChain':
        return sql`select 'industryChain'::text as scope_type, ch.id as scope_id from industry_chains ch where ch.tenant_id = ${ctx.tenantId}${id('ch.id')}`;
    }
  });
  return sql.join(parts, sql` union all `);
}

/**
 * Rows of every instance (all of `family`) for the scope types asked that each metric supports.
 * `onlyId` narrows a single scope type to one scope (computeMetric); the rollup passes none.
 */
export function metricRowsQuery(
  ctx: MetricContext,
  family: Family,
  instances: readonly MetricInstance[],
  types: readonly ScopeType[],
  onlyId?: string,
): RawBuilder<MetricRow> {
  const wanted = types.filter((t) => family.scopes.includes(t) && instances.some((i) => i.scopes.includes(t)));
  if (wanted.length === 0) throw new Error(`no metric of family ${family.key} is defined for scope ${types.join(', ')}`);
  if (instances.some((i) => i.family.key !== family.key)) throw new Error(`metricRowsQuery: instances of another family than ${family.key}`);
  // GROUPING() may only name columns the GROUP BY uses; its bit for column j is set when j is rolled up.
  const cols = wanted.flatMap((t) => (t === 'tenant' ? [] : [scopeColumn[t]]));
  const code = (t: ScopeType) => cols.reduce((acc, col, j) => acc | (t !== 'tenant' && scopeColumn[t] === col ? 0 : 1 << (cols.length - 1 - j)), 0);
  const ref = (col: string) => sql.ref(`f.${col}`);
  const gid = cols.length === 0 ? sql`0` : sql`grouping(${sql.join(cols.map(ref))})`;
  const gkey = cols.length === 0 ? sql`null::uuid` : cols.length === 1 ? ref(cols[0]!) : sql`coalesce(${sql.join(cols.map(ref))})`;
  const sets = sql.join(wanted.map((t) => (t === 'tenant' ? sql`()` : sql`(${ref(scopeColumn[t])})`)));
  const filter = onlyId !== undefined && wanted.length === 1 && wanted[0] !== 'tenant' ? sql`where ${ref(scopeColumn[wanted[0]!])} = ${onlyId}::uuid` : sql``;
  const aggregates = instances.map((m, i) => sql`${m.num} as ${sql.ref(`n${i}`)}, ${m.den ?? sql`null::bigint`} as ${sql.ref(`d${i}`)}`);
  // byMajor: count per school and major first (one cheap hash aggregate over the big table), then
  // add those partial counts up per scope.
  const facts = family.byMajor
    ? sql`with f0 as (${family.facts(ctx)}),
          -- The metrics' aggregates read alias f: here over the raw facts, grouped finely.
          p as (select f.school_id, f.major_id, ${sql.join(aggregates)} from f0 as f group by f.school_id, f.major_id)
          select p.*, m.cluster_id, coalesce(m.industry_chain_id, c.industry_chain_id) as chain_id
          from p left join majors m on m.tenant_id = ${ctx.tenantId} and m.id = p.major_id
          left join major_clusters c on c.tenant_id = m.tenant_id and c.id = m.cluster_id`
    : family.facts(ctx);
  const finalAggregates = family.byMajor
    ? instances.map((_, i) => sql`sum(${sql.ref(`f.n${i}`)}) as ${sql.ref(`n${i}`)}, sum(${sql.ref(`f.d${i}`)}) as ${sql.ref(`d${i}`)}`)
    : aggregates;
  const value = (m: MetricInstance, i: number) => {
    const n = sql.ref(`g.n${i}`);
    const d = sql.ref(`g.d${i}`);
    // The share of an empty set is 1: "every intern insured" holds when there are none, as "0 teachers short" does.
    return m.den === undefined ? sql`coalesce(${n}, 0)::numeric` : sql`case when coalesce(${d}, 0) = 0 then 1::numeric else round(${n}::numeric / ${d}, 6) end`;
  };
  const unpivot = instances.map((m, i) => sql`(${m.name}::text, ${value(m, i)}, array[${sql.join(m.scopes.map((s) => sql`${s}::text`))}])`);
  const codeOf = sql`case s.scope_type ${sql.join(wanted.map((t) => sql`when ${t}::text then ${sql.lit(code(t))}`), sql` `)} end`;
  return sql<MetricRow>`
    with f as (${facts}),
    g as (
      select ${gid} as gid, ${gkey} as gkey, ${sql.join(finalAggregates)}
      from f ${filter}
      group by grouping sets (${sets})),
    s as (${scopesRelation(ctx, wanted, onlyId)})
    select m.metric, s.scope_type, s.scope_id, m.value
    from s
    left join g on g.gid = ${codeOf} and (s.scope_type = 'tenant' or g.gkey = s.scope_id)
    cross join lateral (values ${sql.join(unpivot)}) as m(metric, value, scopes)
    where s.scope_type = any(m.scopes)`;
}

export interface Scope {
  type: ScopeType;
  /** The school's, cluster's or chain's id; ignored for the tenant scope. */
  id?: string;
}

export interface ComputeOptions {
  at: string;
  scope?: Scope;
  /** The tenant of the transaction, when the caller has it (saves a look-up). */
  tenant?: { id: string; timezone: string };
}

/** The tenant the transaction is scoped to (withTenant), with its time zone. */
export async function metricTenant(tx: Tx): Promise<{ id: string; timezone: string }> {
  const row = await sql<{ id: string; timezone: string }>`
    select id, timezone from tenants where id = nullif(current_setting('app.tenant_id', true), '')::uuid`.execute(tx);
  if (!row.rows[0]) throw new Error('computeMetric needs a tenant-scoped transaction (withTenant)');
  return row.rows[0];
}

/**
 * The value of metric `name` as of `at` for one scope (default: the whole tenant), computed from the
 * records now. Null when the scope does not exist; a MetricNameError for a bad name; an Error when the
 * metric has no meaning for that scope type.
 */
export async function computeMetric(tx: Tx, name: string, options: ComputeOptions): Promise<number | null> {
  const metric = resolveMetric(name);
  const scope = options.scope ?? { type: 'tenant' };
  if (!metric.scopes.includes(scope.type)) throw new Error(`metric ${name} is not defined per ${scope.type} (only ${metric.scopes.join(', ')})`);
  const tenant = options.tenant ?? (await metricTenant(tx));
  const ctx = { tenantId: tenant.id, at: options.at, timezone: tenant.timezone };
  const id = scope.type === 'tenant' ? undefined : scope.id;
  if (scope.type !== 'tenant' && id === undefined) throw new Error(`a ${scope.type} scope needs an id`);
  const { rows } = await metricRowsQuery(ctx, metric.family, [metric], [scope.type], id).execute(tx);
  return rows[0] ? Number(rows[0].value) : null;
}
