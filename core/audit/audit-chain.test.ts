// The audit log as a chain per tenant (issue 8 point 5): rows linked by SHA-256 in the writing
// transaction, verification naming the first broken row, and no path that deletes or edits rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/support/factories.ts';
import { ownerDb, type OwnerDb } from '../../test/support/owner-db.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChain } from './verify-chain.ts';

let tdb: TestDatabase;
let owner: OwnerDb;
beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = ownerDb(tdb);
});
afterAll(async () => {
  await owner.close();
  await tdb.drop();
});
const db = () => tdb.handle.db;

async function write(tenant: Tenant, n: number, action = 'update') {
  for (let i = 0; i < n; i++) {
    await withTenant(db(), tenant.id, (tx) =>
      recordAudit(tx, { tenantId: tenant.id, actorUserId: null, action, entity: 'thing', entityId: `e${i}`, changes: { name: { before: `a${i}`, after: `b${i}` } } }),
    );
  }
}
const chain = (tenant: Tenant) =>
  withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').select(['id', 'chain_seq', 'prev_hash', 'hash']).orderBy('chain_seq').execute());

/** Edits one row as the owner, past the append-only trigger: what an intruder with the owner's password could do. */
const tamper = (tenant: Tenant, statement: ReturnType<typeof sql>) =>
  owner.transaction(async (tx) => {
    await sql`select set_config('app.tenant_id', ${tenant.id}, true)`.execute(tx);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(tx);
  });

describe('the chain', () => {
  it('links each row of a tenant to the one before, starting from nothing', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 3);
    const rows = await chain(tenant);
    expect(rows.map((r) => r.chain_seq)).toEqual(['1', '2', '3']);
    expect(rows[0]!.prev_hash).toBeNull();
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(await verifyAuditChain(db(), tenant.id)).toEqual({ tenantId: tenant.id, rows: 3, firstBreak: null });
  });

  it('keeps one chain per tenant, whatever the other tenants write in between', async () => {
    const [a, b] = [await makeTenant(db()), await makeTenant(db())];
    await write(a, 1);
    await write(b, 2);
    await write(a, 1);
    expect((await chain(a)).map((r) => r.chain_seq)).toEqual(['1', '2']);
    expect((await chain(b)).map((r) => r.chain_seq)).toEqual(['1', '2']);
    expect((await verifyAuditChain(db(), a.id)).firstBreak).toBeNull();
  });

  it('stays whole under concurrent writers of one tenant', async () => {
    const tenant = await makeTenant(db());
    await Promise.all(Array.from({ length: 8 }, () => write(tenant, 5)));
    const rows = await chain(tenant);
    expect(rows.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db(), tenant.id)).toMatchObject({ rows: 40, firstBreak: null });
  });

  it('continues from the right row when a transaction writes many rows and rolls some back to a savepoint', async () => {
    const tenant = await makeTenant(db());
    const entry = (i: number) => ({ tenantId: tenant.id, actorUserId: null, action: 'update', entity: 'thing', entityId: `e${i}`, changes: null });
    await withTenant(db(), tenant.id, async (tx) => {
      await recordAudit(tx, entry(1));
      await recordAudit(tx, entry(2));
      await sql`savepoint chunk`.execute(tx);
      await recordAudit(tx, entry(3));
      await sql`rollback to savepoint chunk`.execute(tx);
      await recordAudit(tx, entry(4));
    });
    await write(tenant, 1);
    const rows = await chain(tenant);
    expect(rows.map((r) => r.chain_seq)).toEqual(['1', '2', '3', '4']);
    expect(await verifyAuditChain(db(), tenant.id)).toMatchObject({ rows: 4, firstBreak: null });
  });
});

describe('audit:verify after tampering', () => {
  it('names the row whose content was changed', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 4);
    const victim = (await chain(tenant))[1]!;
    await tamper(tenant, sql`update audit_log set changes = '{"name":{"before":"a1","after":"forged"}}' where tenant_id = ${tenant.id} and id = ${victim.id}`);
    expect((await verifyAuditChain(db(), tenant.id)).firstBreak).toEqual({ tenantId: tenant.id, id: victim.id, chainSeq: '2', reason: 'hash' });
  });

  it('names the next row when the changed row’s hash was recomputed too', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 4);
    const rows = await chain(tenant);
    await tamper(
      tenant,
      sql`update audit_log a set action = 'forged', hash = audit_row_hash(a.prev_hash, (a.tenant_id, a.id, a.at, a.actor_user_id, 'forged', a.entity, a.entity_id, a.changes, a.request_id, a.chain_seq, a.prev_hash, a.hash)::audit_log)
          where tenant_id = ${tenant.id} and id = ${rows[1]!.id}`,
    );
    expect((await verifyAuditChain(db(), tenant.id)).firstBreak).toMatchObject({ id: rows[2]!.id, reason: 'prev_hash' });
  });

  it('names the row after a removed one', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 4);
    const rows = await chain(tenant);
    await tamper(tenant, sql`delete from audit_log where tenant_id = ${tenant.id} and id = ${rows[2]!.id}`);
    expect((await verifyAuditChain(db(), tenant.id)).firstBreak).toMatchObject({ id: rows[3]!.id, chainSeq: '4', reason: 'gap' });
  });
});

describe('retention', () => {
  it('refuses the app any update or delete of audit rows, however old', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 1);
    const attempt = (statement: ReturnType<typeof sql>) => withTenant(db(), tenant.id, (tx) => statement.execute(tx));
    await expect(attempt(sql`delete from audit_log`)).rejects.toThrow();
    await expect(attempt(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    expect(await chain(tenant)).toHaveLength(1);
  });

  it('refuses the owner too, outside a whole-tenant erasure', async () => {
    const tenant = await makeTenant(db());
    await write(tenant, 1);
    await expect(owner.transaction((tx) => sql`delete from audit_log where tenant_id = ${tenant.id}`.execute(tx))).rejects.toThrow(/append-only/);
    expect(await chain(tenant)).toHaveLength(1);
  });

  it('ignores a restore flag set by the app role: the chain is still computed', async () => {
    const tenant = await makeTenant(db());
    await withTenant(db(), tenant.id, async (tx) => {
      await sql`select set_config('app.audit_restore', 'on', true)`.execute(tx);
      await recordAudit(tx, { tenantId: tenant.id, actorUserId: null, action: 'create', entity: 'thing' });
    });
    expect((await chain(tenant))[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
