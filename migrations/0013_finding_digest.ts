// A digest of each finding's content, so an evaluation compares 10 000s of findings with what is
// stored by reading one short column instead of sending every row back to be compared as jsonb.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
alter table findings add column digest text;
`).execute(db);
}
