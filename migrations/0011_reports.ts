// The annual 产教融合效能评价 report of a tenant: one row per year and language, replaced when
// regenerated, holding the printable HTML and the XLSX workbook the bureau downloads.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table reports (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  year integer not null,
  lang text not null,
  status text not null default 'queued',
  html text,
  xlsx bytea,
  error text,
  requested_by uuid,
  requested_at timestamptz not null default now(),
  generated_at timestamptz,
  constraint reports_pkey primary key (tenant_id, id),
  -- Regenerating a year's report in a language replaces the row (upsert on this key).
  constraint reports_year_lang_key unique (tenant_id, year, lang),
  constraint reports_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint reports_requested_by_fkey foreign key (tenant_id, requested_by) references users (tenant_id, id) on delete set null (requested_by),
  constraint reports_status_check check (status in ('queued', 'ready', 'failed')),
  constraint reports_lang_check check (lang in ('zh-CN', 'en')),
  constraint reports_year_check check (year between 2015 and 2100),
  constraint reports_ready_check check (status <> 'ready' or (html is not null and xlsx is not null and generated_at is not null))
);
select enable_tenant_rls('reports');
`).execute(db);
}
