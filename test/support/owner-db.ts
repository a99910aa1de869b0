// Acting as the schema owner in a test (tampering with the audit log, tenant lifecycle): on
// PostgreSQL a connection with the owner's URL, on PGlite the one connection with its role reset.
import type { Db, Tx } from '../../core/db/database.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { sql } from 'kysely';
import type { TestDatabase } from './test-database.ts';

export interface OwnerDb {
  db: Db;
  transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}

export function ownerDb(tdb: TestDatabase): OwnerDb {
  const handle = tdb.ownerUrl ? openPostgres({ DATABASE_URL: tdb.ownerUrl, DATABASE_APP_URL: tdb.ownerUrl, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' }) : undefined;
  const db = handle?.db ?? tdb.handle.db;
  return {
    db,
    transaction: (fn) =>
      db.transaction().execute(async (tx) => {
        // PGlite's session user is its superuser; the app narrowed itself with SET ROLE.
        await sql`set local role none`.execute(tx);
        return fn(tx);
      }),
    close: async () => {
      await handle?.close();
    },
  };
}
