// A fresh, migrated database for one test file: a new database on TEST_DATABASE_URL's server
// when that is set (dropped afterwards), otherwise an in-memory PGlite. Same suite, both engines.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { dumpMigratedPglite, migratePostgres, openPglite, openPostgres, type DatabaseHandle } from '../../core/db/open-database.ts';
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
    const handle = await openPglite('memory://', await pgliteTemplate());
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

// Every test file used to replay all migrations on its own PGlite (seconds each, minutes for the
// suite). The first file to need it dumps a migrated data dir, cached on disk under a hash of the
// migration sources; the others load that. A rename publishes it, so parallel files never read half.
const root = join(import.meta.dirname, '..', '..');
let template: Promise<Blob> | undefined;

function pgliteTemplate(): Promise<Blob> {
  return (template ??= (async () => {
    const dir = join(root, 'migrations');
    const hash = createHash('sha256');
    for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
    const cacheDir = join(root, 'node_modules', '.cache', 'chanjiao-test');
    const path = join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
    try {
      return new Blob([readFileSync(path)]);
    } catch {
      const blob = await dumpMigratedPglite();
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      renameSync(partial, path);
      return blob;
    }
  })());
}
