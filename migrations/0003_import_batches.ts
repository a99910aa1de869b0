// Spreadsheet imports are previewed first and confirmed later: the batch keeps the checked rows
// in between, so the confirmation writes exactly what the user saw, all rows or none.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table import_batches (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  entity text not null,
  filename text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  status text not null default 'previewed',
  rows jsonb not null,
  errors jsonb not null default '[]',
  committed_at timestamptz,
  constraint import_batches_pkey primary key (tenant_id, id),
  constraint import_batches_user_fkey foreign key (tenant_id, created_by) references users (tenant_id, id) on delete cascade,
  constraint import_batches_status_check check (status in ('previewed', 'committed'))
);
select enable_tenant_rls('import_batches');
`).execute(db);
}
