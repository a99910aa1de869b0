// A fresh, migrated database for one test file: a new database on TEST_DATABASE_URL's server
// when that is set (dropped afterwards), otherwise an in-memory PGlite. Same suite, both engines.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migratePostgres, openPglite, openPostgres, type DatabaseHandle } from '../../core/db/open-database.ts';
import { openThroughPgBouncer } from '../fleet/pooled-database.ts';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Owner's connection string (Postgres only), for tests that must act as the owner. */
  ownerUrl?: string;
  drop(): Promise<void>;
}

export const testEngine = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openPglite('memory://');
    return { handle, drop: () => handle.close() };
  }
  const name = `cj_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  await migratePostgres(ownerUrl);
  // TEST_VIA_PGBOUNCER=1: the same suites through a transaction-mode PgBouncer (test/fleet).
  const pooled = process.env.TEST_VIA_PGBOUNCER === '1' ? await openThroughPgBouncer(ownerUrl) : undefined;
  const handle = pooled?.handle ?? openPostgres({ DATABASE_URL: ownerUrl, DATABASE_POOL_SIZE: 5, DATA_DIR: '/tmp' });
  return {
    handle,
    ownerUrl,
    async drop() {
      await (pooled ? pooled.close() : handle.close());
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
