// Tenant lifecycle (issue 8 point 8): a full export (CSV per table + manifest with counts and
// hashes) imports into an empty database with the same counts and hashes; a deletion leaves no
// row of the tenant in any tenant-scoped table, removes its queued jobs, and reports it all.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/support/factories.ts';
import { ownerDb, type OwnerDb } from '../../test/support/owner-db.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { rowFactories, tenantScopedTables } from '../../test/tenancy/tenant-tables.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';
import type { Db } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { deleteTenant } from './delete-tenant.ts';
import { exportTenant } from './export-tenant.ts';
import { importTenant } from './import-tenant.ts';
import { removeTenantJobs } from './remove-tenant-jobs.ts';

let source: TestDatabase;
let owner: OwnerDb;
beforeAll(async () => {
  source = await createTestDatabase();
  owner = ownerDb(source);
});
afterAll(async () => {
  await owner.close();
  await source.drop();
});
const now = new Date('2026-03-01T08:00:00Z');

/** A tenant with at least one row in every tenant-scoped table. */
async function fullTenant(db: Db): Promise<Tenant> {
  const tenant = await makeTenant(db);
  for (const table of await tenantScopedTables(db)) await withTenant(db, tenant.id, (tx) => rowFactories[table]!(tx, tenant.id));
  return tenant;
}
const countsOf = async (db: Db, tenantId: string) => {
  const counts: Record<string, number> = {};
  for (const table of await tenantScopedTables(db)) {
    const { rows } = await withTenant(db, tenantId, (tx) => sql<{ n: string }>`select count(*) as n from ${sql.id(table)} where tenant_id = ${tenantId}`.execute(tx));
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
};

describe('export', () => {
  it('writes every tenant-scoped table with its row count and hash, and the same data hashes the same', async () => {
    const tenant = await fullTenant(source.handle.db);
    const first = await exportTenant(owner.transaction, tenant.id, now);
    const tables = await tenantScopedTables(source.handle.db);
    expect(Object.keys(first.manifest.tables).sort()).toEqual(['tenants', ...tables].sort());
    for (const table of tables) expect(first.manifest.tables[table]!.rows, table).toBe((await countsOf(source.handle.db, tenant.id))[table]);
    const second = await exportTenant(owner.transaction, tenant.id, now);
    expect(second.manifest.tables).toEqual(first.manifest.tables);
  });
});

describe('import into an empty database', () => {
  it('reproduces every row count and hash, audit chain included', async () => {
    const tenant = await fullTenant(source.handle.db);
    const exported = await exportTenant(owner.transaction, tenant.id, now);
    const target = await createTestDatabase();
    const targetOwner = ownerDb(target);
    try {
      await importTenant(targetOwner.transaction, exported.zip);
      const again = await exportTenant(targetOwner.transaction, tenant.id, now);
      expect(again.manifest.tables).toEqual(exported.manifest.tables);
      expect((await verifyAuditChain(target.handle.db, tenant.id)).firstBreak).toBeNull();
      await expect(importTenant(targetOwner.transaction, exported.zip)).rejects.toThrow(/already exists/);
    } finally {
      await targetOwner.close();
      await target.drop();
    }
  });

  it('refuses an archive whose files do not match the manifest', async () => {
    const tenant = await fullTenant(source.handle.db);
    const exported = await exportTenant(owner.transaction, tenant.id, now);
    const { readZip, writeZip } = await import('./zip-archive.ts');
    const files = readZip(exported.zip);
    files.set('students.csv', Buffer.concat([files.get('students.csv')!, Buffer.from('"x"\n')]));
    await expect(importTenant(owner.transaction, writeZip(files))).rejects.toThrow(/students.csv/);
  });
});

describe('deletion', () => {
  it('leaves zero rows of the tenant in every tenant-scoped table, and other tenants untouched', async () => {
    const [doomed, neighbour] = [await fullTenant(source.handle.db), await fullTenant(source.handle.db)];
    const before = await countsOf(source.handle.db, neighbour.id);
    const report = await deleteTenant(owner.transaction, doomed.id, now);
    expect(Object.values(await countsOf(source.handle.db, doomed.id)).every((n) => n === 0)).toBe(true);
    expect(await source.handle.db.selectFrom('tenants').select('id').where('id', '=', doomed.id).execute()).toEqual([]);
    expect(await countsOf(source.handle.db, neighbour.id)).toEqual(before);
    expect(report.rows.audit_log).toBeGreaterThan(0);
    expect(report.files.count).toBeGreaterThan(0);
    expect(report.totalRows).toBe(Object.values(report.rows).reduce((a, b) => a + b, 0));
    expect((await verifyAuditChain(source.handle.db, neighbour.id)).firstBreak).toBeNull();
  });

  it("removes the tenant's queued jobs and no one else's", async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const prefix = `cj-test-${randomBytes(4).toString('hex')}`;
    const queue = new Queue('reminders', { connection: redis, prefix });
    try {
      const tenant = await makeTenant(source.handle.db);
      await queue.add('remind', { tenantId: tenant.id }, { jobId: 'a', delay: 60_000 });
      await queue.add('remind', { tenantId: tenant.id }, { jobId: 'b' });
      await queue.add('remind', { tenantId: 'someone-else' }, { jobId: 'c' });
      const report = await deleteTenant(owner.transaction, tenant.id, now, (id) => removeTenantJobs(redis, prefix, id));
      expect(report.queuedJobs).toBe(2);
      expect((await queue.getJobs(['waiting', 'delayed'])).map((j) => j.id)).toEqual(['c']);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await redis.quit();
    }
  });
});
