// One row per policy evaluation of a tenant: when it ran, for which date, what it found, so the
// bureau can see how fresh the findings are and an operator can see slow or failing runs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table evaluation_runs (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  evaluated_for date not null,
  trigger text not null,
  plugin_ids text[] not null,
  open_count integer not null,
  resolved_count integer not null,
  error_count integer not null,
  load_ms integer not null,
  evaluate_ms integer not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  constraint evaluation_runs_pkey primary key (tenant_id, id),
  constraint evaluation_runs_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint evaluation_runs_trigger_check check (trigger in ('api', 'cli', 'job', 'schedule', 'write'))
);
select enable_tenant_rls('evaluation_runs');
create index evaluation_runs_recent_idx on evaluation_runs (tenant_id, finished_at desc);
`).execute(db);
}
