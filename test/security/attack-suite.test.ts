// The attack suite (issue 8 "Tests that must exist"): walks every route of the OpenAPI document
// and the tenant pages. Foreign-tenant ids answer 404 and change nothing; a request without a
// session, or a write without our Origin (CSRF), is refused; read-only roles never write; mass
// assignment of tenant, role or organisation is ignored; any JSON body is a 4xx, never a 5xx.
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTenant } from '../../core/tenant-lifecycle/export-tenant.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import type { Role } from '../../core/users/schema.ts';
import { makeOrganization, makeTenant, makeUser } from '../support/factories.ts';
import { ownerDb, type OwnerDb } from '../support/owner-db.ts';
import { makeTestApp, signIn, TEST_ORIGIN } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { rowFactories, tenantScopedTables } from '../tenancy/tenant-tables.ts';
import { ANY_BODY_ACCEPTED, OWN_WRITES, ROUTES } from './routes.ts';

let tdb: TestDatabase;
let owner: OwnerDb;
let app: ReturnType<typeof makeTestApp>['app'];
let home: Tenant;
let foreign: Tenant;
/** Ids of the foreign tenant's rows by table, one per table. */
const foreignIds = new Map<string, string>();
let doc: { paths: Record<string, Record<string, { requestBody?: unknown }>> };

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = ownerDb(tdb);
  app = makeTestApp(tdb.handle.db).app;
  [home, foreign] = [await makeTenant(tdb.handle.db), await makeTenant(tdb.handle.db)];
  for (const tenant of [home, foreign]) {
    for (const table of await tenantScopedTables(tdb.handle.db)) await withTenant(tdb.handle.db, tenant.id, (tx) => rowFactories[table]!(tx, tenant.id));
  }
  for (const table of await tenantScopedTables(tdb.handle.db)) {
    const row = await withTenant(tdb.handle.db, foreign.id, (tx) =>
      (tx as unknown as Kysely<Record<string, { id: string }>>).selectFrom(table).selectAll().limit(1).executeTakeFirst(),
    ).catch(() => undefined);
    if (row && typeof row.id === 'string') foreignIds.set(table, row.id);
  }
  doc = (await (await app.request('/api/v1/openapi.json')).json()) as typeof doc;
}, 120_000);
afterAll(async () => {
  await owner.close();
  await tdb.drop();
});

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
const isWrite = (method: string) => method !== 'GET';
const UUID0 = '00000000-0000-4000-8000-000000000000';

/** A concrete URL: each id parameter filled with a foreign tenant's row of the table its segment names. */
function concrete(path: string, slug: string, ids: Map<string, string>): string {
  const parts = path.replace('{tenant}', slug).split('/');
  return parts
    .map((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part;
      if (name === 'year') return '2026';
      const segment = name === 'id' ? parts[i - 1]! : name.replace(/Id$/, 's').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return ids.get(segment.replaceAll('-', '_')) ?? UUID0;
    })
    .join('/');
}

async function client(tenant: Tenant, role: Role) {
  const organizationId = ['school_admin', 'teacher', 'department_officer'].includes(role)
    ? (await makeOrganization(tdb.handle.db, tenant, 'school')).id
    : role === 'enterprise_mentor'
      ? (await makeOrganization(tdb.handle.db, tenant, 'enterprise')).id
      : null;
  const user = await makeUser(tdb.handle.db, tenant, { role, organizationId });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  return (method: string, url: string, body?: unknown, headers: Record<string, string> = { origin: TEST_ORIGIN }) =>
    app.request(`/api/v1${url}`, {
      method,
      headers: { cookie, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

const snapshot = async (tenant: Tenant) => (await exportTenant(owner.transaction, tenant.id, new Date(0))).manifest.tables;

describe('coverage', () => {
  it('lists every route of the OpenAPI document, and no route that is gone', () => {
    const actual = operations().map((o) => `${o.method} ${o.path}`).sort();
    expect(actual).toEqual(Object.keys(ROUTES).sort());
  });
});

describe('without a session', () => {
  it('refuses every signed-in route with 401', async () => {
    const wrong: string[] = [];
    for (const { method, path } of operations()) {
      if (ROUTES[`${method} ${path}`] !== 'signed-in') continue;
      const res = await app.request(`/api/v1${concrete(path, home.slug, new Map())}`, { method, headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, ...(isWrite(method) ? { body: '{}' } : {}) });
      if (res.status !== 401) wrong.push(`${method} ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("another tenant's ids (IDOR)", () => {
  it('answer 404 on every route that takes an id, and leave that tenant unchanged', async () => {
    const before = await snapshot(foreign);
    const call = await client(home, 'bureau_admin');
    const wrong: string[] = [];
    for (const { method, path } of operations()) {
      if (!/\{(id|\w+Id)\}/.test(path)) continue;
      const url = concrete(path, home.slug, foreignIds);
      const res = await call(method, url, isWrite(method) ? { version: 1, name: '入侵', reason: '测试用的理由', kind: 'export' } : undefined);
      // A write may be refused for its body before the lookup (422); it must never succeed.
      const allowed = isWrite(method) ? [403, 404, 405, 422] : [404];
      if (!allowed.includes(res.status)) wrong.push(`${method} ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(foreign)).toEqual(before);
  });
});

describe('CSRF', () => {
  it('refuses every write without our Origin, or with another site’s', async () => {
    const call = await client(home, 'bureau_admin');
    const wrong: string[] = [];
    for (const { method, path } of operations().filter((o) => isWrite(o.method))) {
      const url = concrete(path, home.slug, new Map());
      for (const headers of [{}, { origin: 'https://evil.example' }] as Record<string, string>[]) {
        const res = await call(method, url, {}, headers);
        if (res.status !== 403) wrong.push(`${method} ${path} (${headers.origin ?? 'no origin'}) → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('roles', () => {
  it('never lets the read-only evaluator write, on any route', async () => {
    const before = await snapshot(home);
    const call = await client(home, 'evaluator');
    const wrong: string[] = [];
    for (const { method, path } of operations().filter((o) => isWrite(o.method) && !OWN_WRITES.has(`${o.method} ${o.path}`))) {
      const res = await call(method, concrete(path, home.slug, new Map()), { version: 1 });
      if (res.status < 400 || res.status >= 500) wrong.push(`${method} ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    const after = await snapshot(home);
    for (const table of Object.keys(before).filter((t) => !['sessions', 'users', 'organizations', 'audit_log'].includes(t))) expect(after[table], table).toEqual(before[table]);
  });

  it('keeps students, their consents and data requests from department officers and enterprise mentors of no intern', async () => {
    for (const role of ['department_officer', 'enterprise_mentor'] as const) {
      const call = await client(home, role);
      for (const { method, path } of operations().filter((o) => o.path.includes('/students'))) {
        const res = await call(method, concrete(path, home.slug, new Map()), isWrite(method) ? { version: 1 } : undefined);
        // A list may answer, but empty: the mentor's scope is the interns assigned to them.
        if (res.status === 200 && method === 'GET') expect(((await res.json()) as { items?: unknown[] }).items, `${role} ${method} ${path}`).toEqual([]);
        else expect([403, 404, 422], `${role} ${method} ${path}`).toContain(res.status);
      }
    }
  });
});

describe('mass assignment', () => {
  it('ignores tenant, role and organisation fields smuggled into a create', async () => {
    const call = await client(home, 'bureau_admin');
    const school = await makeOrganization(tdb.handle.db, home, 'school');
    const res = await call('POST', `/t/${home.slug}/students`, {
      schoolId: school.id, name: '王同学', gender: 'male', idNumber: '11010519491231002X',
      tenantId: foreign.id, tenant_id: foreign.id, role: 'platform_operator', organizationId: foreignIds.get('organizations'),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).not.toHaveProperty('tenantId');
    expect(created.schoolId).toBe(school.id);
    const inForeign = await withTenant(tdb.handle.db, foreign.id, (tx) => tx.selectFrom('students').select('id').where('id', '=', created.id as string).execute());
    expect(inForeign).toEqual([]);
  });

  it('refuses a move into another tenant’s school', async () => {
    const call = await client(home, 'bureau_admin');
    const school = await makeOrganization(tdb.handle.db, home, 'school');
    const created = (await (await call('POST', `/t/${home.slug}/students`, { schoolId: school.id, name: '李同学', gender: 'female', idNumber: '110105194912310021' })).json()) as { id: string };
    const res = await call('PATCH', `/t/${home.slug}/students/${created.id}`, { schoolId: foreignIds.get('organizations'), version: 1 });
    expect([404, 422]).toContain(res.status);
  });
});

describe('any JSON body on every write route', () => {
  it('is answered 4xx with field issues, never 5xx, and writes nothing', async () => {
    const call = await client(home, 'bureau_admin');
    const writes = operations().filter((o) => isWrite(o.method) && o.op.requestBody && !ANY_BODY_ACCEPTED.has(`${o.method} ${o.path}`));
    const before = await snapshot(home);
    const fivexx: string[] = [];
    const succeeded: string[] = [];
    for (const { method, path } of writes) {
      const url = concrete(path, home.slug, new Map());
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) => {
          const res = await call(method, url, body);
          if (res.status >= 500) fivexx.push(`${method} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
          if (res.status < 400) succeeded.push(`${method} ${path} ${JSON.stringify(body).slice(0, 60)} → ${res.status}`);
          if (res.status === 422) expect(((await res.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
        }),
        { numRuns: 6, seed: 2026 },
      );
    }
    expect(fivexx).toEqual([]);
    expect(succeeded).toEqual([]);
    const after = await snapshot(home);
    for (const table of Object.keys(before).filter((t) => !['sessions', 'users', 'organizations', 'audit_log'].includes(t))) expect(after[table], table).toEqual(before[table]);
  }, 120_000);
});
