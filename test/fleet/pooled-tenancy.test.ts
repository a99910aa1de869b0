// Behind PgBouncer in transaction mode with 2 server connections, many concurrent clients of
// interleaved tenants each see only their own tenant's rows: nothing relies on session state.
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/database.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { json, makeTestApp, signIn } from '../support/test-app.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { openThroughPgBouncer, type PooledHandle } from './pooled-database.ts';

const TENANTS = 4;
const ORGS_PER_TENANT = 7;
const READS = 800;
const CLIENT_POOL = 20;

let tdb: TestDatabase;
let pooled: PooledHandle;
let db: Db;
let tenants: Tenant[];

const wrongRows = (rows: readonly { tenant_id: string }[], tenant: Tenant) => rows.filter((r) => r.tenant_id !== tenant.id).length;

describe.skipIf(testEngine() !== 'postgres')('through PgBouncer (transaction pooling, 2 server connections)', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    pooled = await openThroughPgBouncer(tdb.ownerUrl!, { poolSize: 2, clientPoolSize: CLIENT_POOL });
    db = pooled.handle.db;
    tenants = [];
    for (let i = 0; i < TENANTS; i++) tenants.push(await makeTenant(tdb.handle.db));
    for (const tenant of tenants) {
      await withTenant(tdb.handle.db, tenant.id, (tx) =>
        tx
          .insertInto('organizations')
          .values(Array.from({ length: ORGS_PER_TENANT }, (_, i) => ({ tenant_id: tenant.id, kind: 'school' as const, name: `${tenant.slug}-${i}` })))
          .execute(),
      );
    }
  });
  afterAll(async () => {
    await pooled?.close();
    await tdb?.drop();
  });

  it(`serves ${READS} concurrent reads of interleaved tenants, each seeing exactly its own rows`, async () => {
    const results = await Promise.all(
      Array.from({ length: READS }, async (_, i) => {
        const tenant = tenants[i % TENANTS]!;
        const rows = await withTenant(db, tenant.id, (tx) => tx.selectFrom('organizations').select(['tenant_id', 'name']).execute());
        return { wrong: wrongRows(rows, tenant), count: rows.length };
      }),
    );
    expect(results.reduce((n, r) => n + r.wrong, 0)).toBe(0);
    expect(results.filter((r) => r.count !== ORGS_PER_TENANT)).toEqual([]);
  });

  it('keeps concurrent writes of interleaved tenants in their own tenant', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const tenant = tenants[i % TENANTS]!;
        return withTenant(db, tenant.id, (tx) =>
          tx.insertInto('organizations').values({ tenant_id: tenant.id, kind: 'enterprise', name: `w-${tenant.slug}-${i}` }).execute(),
        );
      }),
    );
    for (const tenant of tenants) {
      const names = await withTenant(tdb.handle.db, tenant.id, (tx) =>
        tx.selectFrom('organizations').select('name').where('kind', '=', 'enterprise').execute(),
      );
      expect(names.length).toBe(200 / TENANTS);
      expect(names.filter((n) => !n.name.startsWith(`w-${tenant.slug}-`))).toEqual([]);
    }
  });

  it('rejects a row of another tenant even when the previous transaction on that server connection was that tenant', async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    const attempts = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? withTenant(db, b.id, (tx) => tx.selectFrom('organizations').select('id').execute())
          : withTenant(db, a.id, (tx) => tx.insertInto('organizations').values({ tenant_id: b.id, kind: 'school', name: 'forged' }).execute()),
      ),
    );
    expect(attempts.filter((r, i) => i % 2 === 1 && r.status === 'fulfilled')).toEqual([]);
    expect(attempts.filter((r, i) => i % 2 === 0 && r.status === 'rejected')).toEqual([]);
  });

  it('leaves no tenant setting behind on the pooled server connections', async () => {
    await Promise.all(tenants.map((t) => withTenant(db, t.id, async () => undefined)));
    const seen = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const r = await sql<{ v: string | null; n: string }>`
          select current_setting('app.tenant_id', true) as v, (select count(*)::text from organizations) as n`.execute(db);
        return r.rows[0]!;
      }),
    );
    expect(seen.filter((r) => (r.v ?? '') !== '' || r.n !== '0')).toEqual([]);
  });

  it('queries as a member of chanjiao_app that RLS binds, not as the owner', async () => {
    const r = await sql<{ su: boolean; member: boolean }>`
      select r.rolsuper as su, pg_has_role(current_user, 'chanjiao_app', 'member') as member
      from pg_roles r where r.rolname = current_user`.execute(db);
    expect(r.rows[0]).toEqual({ su: false, member: true });
  });

  it('answers HTTP requests of interleaved tenants with their own tenant only', async () => {
    const { app } = makeTestApp(db);
    const signedIn: { tenant: Tenant; cookie: string }[] = [];
    for (const tenant of tenants) {
      // A role that needs no second factor, so the password alone signs in.
      const school = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('organizations').select('id').where('kind', '=', 'school').executeTakeFirstOrThrow());
      const user = await makeUser(tdb.handle.db, tenant, { role: 'teacher', organizationId: school.id, totp: false });
      signedIn.push({ tenant, cookie: await signIn(app, tenant.slug, user.email, user.password) });
    }
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const { tenant, cookie } = signedIn[i % signedIn.length]!;
        const path = i % 2 === 0 ? 'me' : 'organizations?limit=200';
        const res = await app.request(`/api/v1/t/${tenant.slug}/${path}`, { headers: { cookie } });
        const body = await json(res);
        const ok =
          res.status === 200 &&
          (i % 2 === 0
            ? body.tenant.slug === tenant.slug
            : (body.items as { name: string }[]).every((o) => o.name.startsWith(`${tenant.slug}-`) || o.name.startsWith(`w-${tenant.slug}-`)));
        return ok ? null : { i, status: res.status, body };
      }),
    );
    expect(answers.filter((a) => a !== null)).toEqual([]);
  });

  it('never opened more than 2 server connections for the app', async () => {
    const admin = postgres(tdb.ownerUrl!, { max: 1, onnotice: () => undefined });
    try {
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where usename = ${pooled.role}`;
      expect(row!.n).toBeLessThanOrEqual(2);
      expect(row!.n).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
  });
});
