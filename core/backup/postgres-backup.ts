// Backup and restore of a PostgreSQL database with pg_dump's custom format: one compressed file
// with the schema (RLS policies, grants to chanjiao_app, migration history) and every row.
import postgres from 'postgres';
import { runTool } from './run-tool.ts';

/** Writes a custom-format dump of the database at `url` (the owner's URL) to `file`. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await runTool('pg_dump', ['--format=custom', '--compress=6', `--file=${file}`, `--dbname=${url}`]);
}

/**
 * Restores `file` into the (existing, empty) database at `url`, owned by that URL's user. The
 * dump grants to chanjiao_app, a cluster-wide role, so a new cluster gets it first. An empty
 * target is required: restoring over data would mix two histories.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`;
    const n = row?.n ?? 0;
    if (n > 0) throw new Error(`the target database already has ${n} tables; restore into a new, empty database`);
    await sql`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'chanjiao_app') then create role chanjiao_app nologin; end if;
    end $$`;
  } finally {
    await sql.end();
  }
  await runTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file]);
}
