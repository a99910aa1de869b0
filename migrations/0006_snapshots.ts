// Daily snapshots the dashboards read: every metric per scope (tenant, school, major cluster,
// industry chain) and every enabled plugin target's progress. Unique per day so a rollup upserts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table metric_snapshots (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  day date not null,
  metric text not null,
  scope_type text not null,
  -- The tenant's own id for the tenant scope, else the school's, cluster's or chain's id.
  scope_id uuid not null,
  value numeric not null,
  computed_at timestamptz not null default now(),
  constraint metric_snapshots_pkey primary key (tenant_id, id),
  constraint metric_snapshots_key unique (tenant_id, day, metric, scope_type, scope_id),
  constraint metric_snapshots_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint metric_snapshots_scope_type_check check (scope_type in ('tenant', 'school', 'majorCluster', 'industryChain'))
);
select enable_tenant_rls('metric_snapshots');
-- "The latest value of a metric at or before a day": one index range per metric and scope.
create index metric_snapshots_latest_idx on metric_snapshots (tenant_id, metric, scope_type, scope_id, day desc);

create table target_snapshots (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  day date not null,
  plugin_id text not null,
  target_id text not null,
  metric text not null,
  value numeric not null,
  goal numeric not null,
  expected numeric not null,
  status text not null,
  computed_at timestamptz not null default now(),
  constraint target_snapshots_pkey primary key (tenant_id, id),
  constraint target_snapshots_key unique (tenant_id, day, plugin_id, target_id),
  constraint target_snapshots_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint target_snapshots_status_check check (status in ('green', 'amber', 'red'))
);
select enable_tenant_rls('target_snapshots');
create index target_snapshots_latest_idx on target_snapshots (tenant_id, plugin_id, target_id, day desc);

-- A rollup scans the big tables once per family; let those scans run in parallel under RLS. The
-- function only reads a setting, which parallel workers receive from the leader unchanged.
alter function current_tenant_id() parallel safe;
-- Students counted per school and major: without this the planner multiplies the two columns'
-- distinct counts, expects ~100× too many groups and sorts on disk instead of hashing.
create statistics students_school_major_stats (ndistinct) on school_id, major_id from students;
`).execute(db);
}
