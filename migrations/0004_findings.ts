// Stored evaluation results: one row per rule and subject (finding_key), kept across runs so a
// finding has a first and last sighting and a resolved date, plus the plugin errors of each run.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table findings (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plugin_id text not null,
  plugin_version text not null,
  rule_id text not null,
  subject_type text not null,
  subject_id text not null,
  severity text not null,
  message_id text not null,
  params jsonb not null default '{}',
  clause text not null,
  explanation jsonb not null,
  finding_key text not null,
  first_seen_at date not null,
  last_seen_at date not null,
  resolved_at date,
  constraint findings_pkey primary key (tenant_id, id),
  constraint findings_key_key unique (tenant_id, finding_key),
  constraint findings_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint findings_severity_check check (severity in ('info', 'warning', 'violation')),
  constraint findings_dates_check check (last_seen_at >= first_seen_at and (resolved_at is null or resolved_at >= first_seen_at))
);
select enable_tenant_rls('findings');
create index findings_plugin_open_idx on findings (tenant_id, plugin_id) where resolved_at is null;
create index findings_subject_idx on findings (tenant_id, subject_type, subject_id);

-- One error per plugin and evaluation date: re-running the same date replaces it, not repeats it.
create table plugin_errors (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plugin_id text not null,
  plugin_version text not null,
  rule_id text,
  kind text not null,
  message text not null,
  at date not null,
  recorded_at timestamptz not null default now(),
  constraint plugin_errors_pkey primary key (tenant_id, id),
  constraint plugin_errors_run_key unique (tenant_id, plugin_id, at),
  constraint plugin_errors_tenant_fkey foreign key (tenant_id) references tenants (id)
);
select enable_tenant_rls('plugin_errors');
`).execute(db);
}
