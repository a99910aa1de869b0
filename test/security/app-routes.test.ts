// The attack suite over the real app's routes (issue 8): not only the OpenAPI document but every
// page and every other JSON route, as `app.routes` of createApp lists them. A route missing from
// the coverage tables fails; signed-in routes refuse a stranger, another tenant's ids answer 404
// and change nothing, a write without our Origin is refused, and denied roles never get through.
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
import { APP_ROUTES } from './app-routes.ts';
import { ROUTES } from './routes.ts';

let tdb: TestDatabase;
let owner: OwnerDb;
let app: ReturnType<typeof makeTestApp>['app'];
let home: Tenant;
let foreign: Tenant;
const foreignIds = new Map<string, string>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = ownerDb(tdb);
  app = makeTestApp(tdb.handle.db).app;
  [home, foreign] = [await makeTenant(tdb.handle.db), await makeTenant(tdb.handle.db)];
  for (const tenant of [home, foreign]) {
    for (const table of await tenantScopedTables(tdb.handle.db)) {
      // A table without a factory yet is tenancy-tested elsewhere (test/tenancy fails on it); here it only lacks a foreign id.
      const factory = rowFactories[table];
      if (factory) await withTenant(tdb.handle.db, tenant.id, (tx) => factory(tx, tenant.id));
    }
  }
  for (const table of await tenantScopedTables(tdb.handle.db)) {
    const row = await withTenant(tdb.handle.db, foreign.id, (tx) =>
      (tx as unknown as Kysely<Record<string, { id: string }>>).selectFrom(table).selectAll().limit(1).executeTakeFirst(),
    ).catch(() => undefined);
    if (row && typeof row.id === 'string') foreignIds.set(table, row.id);
  }
}, 120_000);
afterAll(async () => {
  await owner.close();
  await tdb.drop();
});

/** `GET /t/:tenant/x/:id{[0-9a-f-]{36}}` → `GET /t/{tenant}/x/{id}`, the tables' spelling. */
const normalise = (method: string, path: string) => `${method} ${path.replace(/:(\w+)(\{(?:[^{}]|\{[^}]*\})*\})?/g, '{$1}')}`;

/** Every handler of the app (not middleware), once each. */
function appRoutes(): string[] {
  const keys = app.routes.filter((r) => r.method !== 'ALL').map((r) => normalise(r.method, r.path));
  return [...new Set(keys)].sort();
}
const openApiKey = (key: string) => key.replace(' /api/v1/t/', ' /t/');
const described = (key: string) => key.includes(' /api/v1/t/') && openApiKey(key) in ROUTES;

// The table an {id} segment names where the path does not say it plainly.
const TABLE_OF: Record<string, string> = { 'my-tasks': 'tasks', inbox: 'notifications', batches: 'import_batches', 'support-access': 'support_access_grants', sessions: 'sessions' };
const UUID0 = '00000000-0000-4000-8000-000000000000';

function concrete(key: string, ids: Map<string, string>): { method: string; url: string } {
  const [method, path] = key.split(' ') as [string, string];
  const parts = path.replace('{tenant}', home.slug).split('/');
  const url = parts
    .map((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part;
      if (name === 'side') return 'school';
      if (name === 'id') {
        const segment = parts[i - 1]!;
        return ids.get(TABLE_OF[segment] ?? segment.replaceAll('-', '_')) ?? UUID0;
      }
      return 'x';
    })
    .join('/');
  return { method, url };
}

const clients = new Map<Role, string>();
async function cookieOf(role: Role): Promise<string> {
  const known = clients.get(role);
  if (known) return known;
  const organizationId = ['school_admin', 'teacher', 'department_officer'].includes(role)
    ? (await makeOrganization(tdb.handle.db, home, 'school')).id
    : role === 'enterprise_mentor'
      ? (await makeOrganization(tdb.handle.db, home, 'enterprise')).id
      : null;
  const user = await makeUser(tdb.handle.db, home, { role, organizationId });
  const cookie = await signIn(app, home.slug, user.email, user.password);
  clients.set(role, cookie);
  return cookie;
}

const isApi = (url: string) => url.startsWith('/api/');
/** A write as a browser would send it: a form to a page, JSON to the API. */
function send(method: string, url: string, headers: Record<string, string>) {
  const body = method === 'GET' ? {} : isApi(url) ? { body: '{}', type: 'application/json' } : { body: 'name=x', type: 'application/x-www-form-urlencoded' };
  return app.request(url, { method, headers: { ...headers, ...('type' in body ? { 'content-type': body.type } : {}) }, ...('body' in body ? { body: body.body } : {}) });
}
const toLogin = (res: Response) => [302, 303].includes(res.status) && (res.headers.get('location') ?? '').includes('/login');
const snapshot = async (tenant: Tenant) => (await exportTenant(owner.transaction, tenant.id, new Date(0))).manifest.tables;
const signedIn = () => Object.entries(APP_ROUTES).filter(([, r]) => r.kind === 'signed-in').map(([key]) => key);

describe('coverage of the real app', () => {
  it('classes every page and JSON route of createApp (OpenAPI ones in routes.ts, the rest in app-routes.ts), and none that is gone', () => {
    const actual = appRoutes();
    expect(actual.filter((key) => !described(key) && !(key in APP_ROUTES))).toEqual([]);
    expect(Object.keys(APP_ROUTES).filter((key) => !actual.includes(key))).toEqual([]);
  });
});

describe('without a session', () => {
  it('sends every signed-in page to the sign-in page and answers every signed-in JSON route 401', async () => {
    const wrong: string[] = [];
    for (const key of signedIn()) {
      const { method, url } = concrete(key, new Map());
      const res = await send(method, url, { origin: TEST_ORIGIN });
      const ok = isApi(url) ? res.status === 401 : toLogin(res) || res.status === 401;
      if (!ok) wrong.push(`${key} → ${res.status} ${res.headers.get('location') ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("another tenant's ids on pages and other JSON routes (IDOR)", () => {
  it('answer 404 (a write may also be refused 403/422) and leave that tenant unchanged', async () => {
    const before = await snapshot(foreign);
    const cookie = await cookieOf('bureau_admin');
    const wrong: string[] = [];
    for (const key of signedIn().filter((k) => k.includes('{id}'))) {
      const { method, url } = concrete(key, foreignIds);
      const res = await send(method, url, { cookie, origin: TEST_ORIGIN });
      const allowed = method === 'GET' ? [403, 404] : [403, 404, 405, 422];
      if (!allowed.includes(res.status)) wrong.push(`${key} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(foreign)).toEqual(before);
  });
});

describe('CSRF on pages and other JSON routes', () => {
  it('refuses every write without our Origin, or with another site’s', async () => {
    const cookie = await cookieOf('bureau_admin');
    const wrong: string[] = [];
    for (const key of Object.keys(APP_ROUTES).filter((k) => !k.startsWith('GET '))) {
      const { method, url } = concrete(key, new Map());
      for (const origin of [undefined, 'https://evil.example']) {
        const res = await send(method, url, { cookie, ...(origin ? { origin } : {}) });
        if (res.status !== 403) wrong.push(`${key} (${origin ?? 'no origin'}) → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('roles on pages and other JSON routes', () => {
  it('keeps each denied role out: 403, 404 or the sign-in page, and writes nothing', async () => {
    for (const role of new Set(Object.values(APP_ROUTES).flatMap((r) => r.deny ?? []))) await cookieOf(role);
    const before = await snapshot(home);
    const wrong: string[] = [];
    for (const [key, route] of Object.entries(APP_ROUTES)) {
      for (const role of route.deny ?? []) {
        const { method, url } = concrete(key, new Map());
        const res = await send(method, url, { cookie: await cookieOf(role), origin: TEST_ORIGIN });
        // A page form may check its fields before the role (422); it must still write nothing (below).
        const refused = [403, 404].includes(res.status) || toLogin(res) || (method !== 'GET' && res.status === 422);
        if (!refused) wrong.push(`${key} as ${role} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(home)).toEqual(before);
  });
});
