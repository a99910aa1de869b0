// A run can cover one school (a school admin's evaluation); the run list says which, so a
// bureau never mistakes one school's counts for the tenant's.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
alter table evaluation_runs add column school_id uuid;
alter table evaluation_runs add constraint evaluation_runs_school_fkey foreign key (tenant_id, school_id) references organizations (tenant_id, id);
`).execute(db);
}
