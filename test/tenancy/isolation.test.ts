// Tenant isolation is enforced by the database itself: forced RLS on every tenant table,
// keys that carry tenant_id, and nothing visible outside withTenant.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/database.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { rowFactories, tenantScopedTables } from './tenant-tables.ts';

let tdb: TestDatabase;
let db: Db;
let tables: string[];
let a: Tenant;
let b: Tenant;

const count = async (db: Db, table: string, tenantId?: string) => {
  const where = tenantId ? sql`where tenant_id = ${tenantId}` : sql``;
  const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} ${where}`.execute(db);
  return Number(r.rows[0]!.n);
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  tables = await tenantScopedTables(db);
  a = await makeTenant(db);
  b = await makeTenant(db);
  for (const tenant of [a, b]) {
    await withTenant(db, tenant.id, async (tx) => {
      for (const table of tables) await rowFactories[table]?.(tx, tenant.id);
    });
  }
});
afterAll(() => tdb.drop());

describe('the schema', () => {
  it('knows how to fill every tenant-scoped table (a new table needs a row factory and a policy)', () => {
    expect(tables.length).toBeGreaterThanOrEqual(4);
    expect(tables.filter((t) => !rowFactories[t])).toEqual([]);
  });

  it('forces RLS with a policy on every table that has tenant_id', async () => {
    const r = await sql<{ relname: string; ok: boolean }>`
      select c.relname, c.relrowsecurity and c.relforcerowsecurity
        and exists (select 1 from pg_policy p where p.polrelid = c.oid) as ok
      from pg_class c where c.relname in (${sql.join(tables)}) and c.relnamespace = 'public'::regnamespace`.execute(db);
    expect(r.rows.filter((row) => !row.ok).map((row) => row.relname)).toEqual([]);
  });

  it('puts tenant_id in every primary key, every foreign key between tenant tables and every unique index', async () => {
    const r = await sql<{ problem: string }>`
      with t as (select c.oid, c.relname from pg_class c
        where c.relname in (${sql.join(tables)}) and c.relnamespace = 'public'::regnamespace)
      select t.relname || ': ' || k.conname as problem from t join pg_constraint k on k.conrelid = t.oid
        where (k.contype = 'p' or (k.contype = 'f' and k.confrelid in (select oid from t)))
          and not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(k.conkey))
      union all
      select t.relname || ': ' || i.indexrelid::regclass::text from t join pg_index i on i.indrelid = t.oid and i.indisunique
        where not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(i.indkey::int2[]))
      union all
      select t.relname || ': no primary key' from t where not exists (select 1 from pg_constraint k where k.conrelid = t.oid and k.contype = 'p')`.execute(db);
    expect(r.rows.map((row) => row.problem)).toEqual([]);
  });

  it('runs the app as a role that is no superuser and owns no table', async () => {
    const r = await sql<{ su: boolean; bypass: boolean; owned: string }>`
      select r.rolsuper as su, r.rolbypassrls as bypass,
        (select count(*)::text from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owned
      from pg_roles r where r.rolname = current_user`.execute(db);
    expect(r.rows[0]).toEqual({ su: false, bypass: false, owned: '0' });
  });
});

describe('outside withTenant', () => {
  it('sees no tenant row in any table', async () => {
    for (const table of tables) expect({ table, n: await count(db, table) }).toEqual({ table, n: 0 });
  });

  it('cannot insert a tenant row', async () => {
    await expect(
      db.insertInto('organizations').values({ tenant_id: a.id, kind: 'school', name: 'x' }).execute(),
    ).rejects.toThrow(/row-level security/);
  });
});

describe("inside tenant A's withTenant", () => {
  it('sees its own rows in every table', async () => {
    for (const table of tables) {
      const n = await withTenant(db, a.id, async (tx) => count(tx as unknown as Db, table, a.id));
      expect({ table, n: n > 0 }).toEqual({ table, n: true });
    }
  });

  it("sees none of B's rows in any table", async () => {
    for (const table of tables) {
      const n = await withTenant(db, a.id, async (tx) => count(tx as unknown as Db, table, b.id));
      expect({ table, n }).toEqual({ table, n: 0 });
    }
  });

  it("cannot update or delete B's rows in any table", async () => {
    for (const table of tables) {
      if (table === 'audit_log') continue; // no update or delete path at all: tested below
      const changed = await withTenant(db, a.id, async (tx) => {
        const u = await sql`update ${sql.table(table)} set tenant_id = tenant_id where tenant_id = ${b.id}`.execute(tx);
        const d = await sql`delete from ${sql.table(table)} where tenant_id = ${b.id}`.execute(tx);
        return Number(u.numAffectedRows ?? 0) + Number(d.numAffectedRows ?? 0);
      });
      expect({ table, changed }).toEqual({ table, changed: 0 });
    }
    for (const table of tables) expect(await withTenant(db, b.id, (tx) => count(tx as unknown as Db, table, b.id))).toBeGreaterThan(0);
  });

  it("cannot insert a row carrying B's tenant_id", async () => {
    for (const table of tables) {
      await expect(withTenant(db, a.id, (tx) => rowFactories[table]!(tx, b.id)), table).rejects.toThrow(/row-level security/);
    }
  });

  it("cannot move its own row into B", async () => {
    await expect(
      withTenant(db, a.id, (tx) => tx.updateTable('organizations').set({ tenant_id: b.id }).execute()),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot reference B's organization from A's user (foreign keys carry tenant_id)", async () => {
    const foreignOrg = await makeOrganization(db, b);
    await expect(
      withTenant(db, a.id, (tx) =>
        tx
          .insertInto('users')
          .values({ tenant_id: a.id, email: 'x@example.cn', display_name: 'x', role: 'school_admin', organization_id: foreignOrg.id, password_hash: 'x' })
          .execute(),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('the audit log', () => {
  it('cannot be updated or deleted, even by its own tenant', async () => {
    await expect(withTenant(db, a.id, (tx) => sql`update audit_log set action = 'forged'`.execute(tx))).rejects.toThrow(/permission denied|append-only/);
    await expect(withTenant(db, a.id, (tx) => sql`delete from audit_log`.execute(tx))).rejects.toThrow(/permission denied|append-only/);
  });
});

describe('the transaction-local tenant setting', () => {
  it('does not leak to the next transaction on the same connection', async () => {
    await withTenant(db, a.id, async () => undefined);
    const after = await db.transaction().execute((tx) => sql<{ v: string | null }>`select current_setting('app.tenant_id', true) as v`.execute(tx));
    expect(after.rows[0]!.v ?? '').toBe('');
  });
});
