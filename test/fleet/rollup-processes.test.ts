// A rollup of the same tenant and day started by two processes at the same moment leaves one
// set of snapshots: the same rows a single run writes, none twice, and neither process fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupTenant } from '../../core/targets/rollup-tenant.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { makeTenant } from '../support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { rowFactories, tenantScopedTables } from '../tenancy/tenant-tables.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DAY = '2026-03-01';
let tdb: TestDatabase;
let tenant: Tenant;

function child(): Promise<{ proc: ChildProcess; done: Promise<string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/fleet/rollup-child.ts', tdb.ownerUrl!, tenant.id, DAY], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const done = new Promise<string>((resolve, reject) =>
    proc.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`rollup child exited with ${code}:\n${output}`)))),
  );
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolve({ proc, done });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    done.catch(reject);
  });
}

const snapshots = () =>
  withTenant(tdb.handle.db, tenant.id, async (tx) => {
    const r = await sql<{ key: string; value: string | null }>`
      select metric || '|' || scope_type || '|' || scope_id as key, value::text as value from metric_snapshots where day = ${DAY} order by 1`.execute(tx);
    return r.rows;
  });

describe.skipIf(testEngine() !== 'postgres')('a rollup started by two processes at once', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tenant = await makeTenant(tdb.handle.db);
    const tables = await tenantScopedTables(tdb.handle.db);
    await withTenant(tdb.handle.db, tenant.id, async (tx) => {
      for (const table of tables) await rowFactories[table]!(tx, tenant.id);
    });
  });
  afterAll(() => tdb?.drop());

  it('yields one set of snapshots, equal to a single run', async () => {
    const children = await Promise.all([child(), child()]);
    for (const c of children) c.proc.stdin!.end('go\n');
    const outputs = await Promise.all(children.map((c) => c.done));
    expect(outputs.every((o) => o.includes('done'))).toBe(true);
    const together = await snapshots();
    expect(together.length).toBeGreaterThan(0);
    expect(new Set(together.map((r) => r.key)).size).toBe(together.length);

    await rollupTenant(tdb.handle.db, tenant.id, DAY, []);
    expect(await snapshots()).toEqual(together);
  }, 120_000);
});
