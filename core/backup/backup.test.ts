// `npm run backup` then `npm run restore` gives back the same database: every table has the
// same number of rows, and the restored database still isolates tenants for the app.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { openPglite, openPostgres } from '../db/open-database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/support/test-database.ts';
import { rowFactories, tenantScopedTables } from '../../test/tenancy/tenant-tables.ts';
import { postgresRowCounts } from './row-counts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Runs one of the npm scripts' entry points with only the given configuration. */
async function cli(script: 'backup-cli.ts' | 'restore-cli.ts', args: string[], env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_') && !k.startsWith('VITEST') && k !== 'DATABASE_URL'));
  return run(process.execPath, ['--import', 'tsx', join('core/backup', script), ...args], { cwd: ROOT, env: { ...base, ...env } });
}

/** The rows per table a CLI printed (formatCounts: table, then count). */
const printedCounts = (stdout: string) =>
  Object.fromEntries([...stdout.matchAll(/^ {2}(\w+) +(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));

/** Two tenants with a row in every tenant table. */
async function fill(db: Db): Promise<void> {
  const tables = await tenantScopedTables(db);
  for (let i = 0; i < 2; i++) {
    const tenant = await makeTenant(db);
    await withTenant(db, tenant.id, async (tx) => {
      for (const table of tables) await rowFactories[table]!(tx, tenant.id);
    });
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cj-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(testEngine() !== 'postgres')('backup and restore of PostgreSQL (pg_dump custom format)', () => {
  let source: TestDatabase;
  let targetName: string;
  let targetUrl: string;
  let admin: ReturnType<typeof postgres>;

  beforeAll(async () => {
    source = await createTestDatabase();
    await fill(source.handle.db);
    admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
    targetName = `cj_restore_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`create database ${targetName}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${targetName}`;
    targetUrl = url.toString();
  }, 120_000);
  afterAll(async () => {
    await source?.drop();
    await admin?.unsafe(`drop database if exists ${targetName} with (force)`);
    await admin?.end();
  });

  it('restores into an empty database every row of every table', async () => {
    const file = join(dir, 'pg.pgdump');
    await cli('backup-cli.ts', [file], { DATABASE_URL: source.ownerUrl! });
    const restored = await cli('restore-cli.ts', [file], { DATABASE_URL: targetUrl });
    expect(restored.stdout).toContain('organizations');

    const before = await postgresRowCounts(source.ownerUrl!);
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(10);
    expect(await postgresRowCounts(targetUrl)).toEqual(before);
  }, 120_000);

  it('gives the app a restored database where RLS still separates the tenants', async () => {
    const handle = openPostgres({ DATABASE_URL: targetUrl, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
    try {
      const outside = await sql<{ n: number }>`select count(*)::int as n from organizations`.execute(handle.db);
      expect(outside.rows[0]!.n).toBe(0);
      const tenants = await handle.db.selectFrom('tenants').select('id').execute();
      const inside = await withTenant(handle.db, tenants[0]!.id, (tx) => tx.selectFrom('organizations').select('tenant_id').execute());
      expect(inside.length).toBeGreaterThan(0);
      expect(inside.every((o) => o.tenant_id === tenants[0]!.id)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('refuses to restore over a database that already has tables', async () => {
    const file = join(dir, 'pg.pgdump');
    await expect(cli('restore-cli.ts', [file], { DATABASE_URL: targetUrl })).rejects.toThrow(/already has \d+ tables/);
  });
});

describe.skipIf(testEngine() !== 'pglite')('backup and restore of the embedded database (PGlite data-dir dump)', () => {
  it('restores into a new data directory every row of every table', async () => {
    const sourceDir = join(dir, 'source');
    const handle = await openPglite(join(sourceDir, 'pglite'));
    await fill(handle.db);
    await handle.close();

    const file = join(dir, 'embedded.tar.gz');
    const backup = await cli('backup-cli.ts', [file], { DATA_DIR: sourceDir });
    const targetDir = join(dir, 'target');
    const restore = await cli('restore-cli.ts', [file], { DATA_DIR: targetDir });

    // Each side counts on the database it has open: PGlite is slow to open, so no third look.
    const before = printedCounts(backup.stdout);
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(10);
    expect(printedCounts(restore.stdout)).toEqual(before);
  }, 300_000);

  it('refuses to restore over an existing embedded database', async () => {
    const existing = join(dir, 'existing');
    await mkdir(join(existing, 'pglite'), { recursive: true });
    await writeFile(join(existing, 'pglite', 'PG_VERSION'), '17');
    const gzip = join(dir, 'any.tar.gz');
    await writeFile(gzip, Buffer.from([0x1f, 0x8b, 0, 0, 0]));
    await expect(cli('restore-cli.ts', [gzip], { DATA_DIR: existing })).rejects.toThrow(/not empty/);
  });

  it('refuses a PostgreSQL dump without DATABASE_URL, naming the mix-up', async () => {
    const fake = join(dir, 'fake.pgdump');
    await writeFile(fake, 'PGDMP-not-really');
    await expect(cli('restore-cli.ts', [fake], { DATA_DIR: join(dir, 'other') })).rejects.toThrow(/PostgreSQL backup/);
  });
});
