// The schema can be distributed by tenant_id on Citus: every tenant table keeps tenant_id in
// its keys and indexes, and docs/ops/scale-out.md distributes every one of them in an order
// the foreign keys allow, with the other tables as reference or coordinator-local tables.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const catalogCheck = readFileSync(new URL('./tenant-catalog.sql', import.meta.url), 'utf8');
const scaleOut = readFileSync(new URL('../../docs/ops/scale-out.md', import.meta.url), 'utf8');
const named = (fn: string) => [...scaleOut.matchAll(new RegExp(`${fn}\\('([a-z_]+)'`, 'g'))].map((m) => m[1]!);

let tdb: TestDatabase;
let db: Db;
let tenantTables: string[];
let otherTables: string[];
let foreignKeys: { child: string; parent: string }[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  const tables = await sql<{ relname: string; tenant: boolean }>`
    select c.relname, exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant
    from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  tenantTables = tables.rows.filter((t) => t.tenant).map((t) => t.relname);
  otherTables = tables.rows.filter((t) => !t.tenant).map((t) => t.relname);
  foreignKeys = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and c.relnamespace = 'public'::regnamespace`.execute(db)
  ).rows;
});
afterAll(() => tdb.drop());

describe('the catalog', () => {
  it('passes the tenant catalog check: forced RLS, a policy, tenant_id in every PK, FK between tenant tables and unique index', async () => {
    const problems = await sql.raw<Record<string, string>>(catalogCheck).execute(db);
    expect(problems.rows.map((r) => Object.values(r).join(': '))).toEqual([]);
  });

  it('has no foreign key from a table without tenant_id to a tenant table (Citus forbids reference → distributed)', () => {
    expect(foreignKeys.filter((k) => otherTables.includes(k.child) && tenantTables.includes(k.parent))).toEqual([]);
  });
});

describe('docs/ops/scale-out.md', () => {
  it('distributes every tenant table and nothing else (a new tenant table needs its create_distributed_table line)', () => {
    expect([...named('create_distributed_table')].sort()).toEqual([...tenantTables].sort());
  });

  it('distributes each table after the tenant tables its foreign keys point to', () => {
    const order = named('create_distributed_table');
    const late = foreignKeys.filter(
      (k) => k.child !== k.parent && tenantTables.includes(k.parent) && order.indexOf(k.parent) > order.indexOf(k.child),
    );
    expect(late.map((k) => `${k.child} before ${k.parent}`)).toEqual([]);
  });

  it('makes every table a tenant table points to a reference table', () => {
    const parents = new Set(foreignKeys.filter((k) => tenantTables.includes(k.child) && !tenantTables.includes(k.parent)).map((k) => k.parent));
    expect([...parents].filter((p) => !named('create_reference_table').includes(p))).toEqual([]);
  });

  it('names every other table, as reference or coordinator-local', () => {
    expect(otherTables.filter((t) => !named('create_reference_table').includes(t) && !scaleOut.includes(`\`${t}\``))).toEqual([]);
  });
});
