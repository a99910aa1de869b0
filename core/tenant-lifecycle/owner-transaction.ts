// Tenant export, import and deletion run as the schema owner (they cross every table and the
// audit log's guards). On PostgreSQL the handle must be the owner's connection (DATABASE_URL);
// on PGlite the one connection resets the app's SET ROLE for the transaction.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

export type OwnerTransaction = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export const ownerTransaction =
  (db: Db): OwnerTransaction =>
  (fn) =>
    db.transaction().execute(async (tx) => {
      await sql`set local role none`.execute(tx);
      return fn(tx);
    });

/** Scopes the transaction to one tenant (for a non-superuser owner, RLS is forced) in UTC, ISO dates. */
export async function scopeTo(tx: Tx, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
    set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '3', true), set_config('bytea_output', 'hex', true)`.execute(tx);
}
