// Over HTTP a tenant is a closed world: unknown tenants and other tenants' sessions are 404,
// and a missing session sends pages to the sign-in form and JSON callers a 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { makeTestApp, signIn, json } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
let a: Tenant;
let b: Tenant;
let cookieA: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
  a = await makeTenant(tdb.handle.db);
  b = await makeTenant(tdb.handle.db);
  const user = await makeUser(tdb.handle.db, a);
  await makeUser(tdb.handle.db, b);
  cookieA = await signIn(app, a.slug, user.email, user.password);
});
afterAll(() => tdb.drop());

describe("a session of tenant A at tenant B's URLs", () => {
  it('gets 404 from the JSON API', async () => {
    const res = await app.request(`/api/v1/t/${b.slug}/me`, { headers: { cookie: cookieA } });
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe('NotFound');
  });

  it('gets 404 from pages', async () => {
    const res = await app.request(`/t/${b.slug}`, { headers: { cookie: cookieA } });
    expect(res.status).toBe(404);
  });

  it("gets 404 even on B's sign-in page", async () => {
    const res = await app.request(`/t/${b.slug}/login`, { headers: { cookie: cookieA } });
    expect(res.status).toBe(404);
  });

  it('still works at its own tenant', async () => {
    const res = await app.request(`/api/v1/t/${a.slug}/me`, { headers: { cookie: cookieA } });
    expect(res.status).toBe(200);
    expect((await json(res)).tenant.slug).toBe(a.slug);
  });
});

describe('without a session', () => {
  it('a page redirects to the sign-in form, remembering where it was going', async () => {
    const res = await app.request(`/t/${a.slug}/account`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${a.slug}/login?next=${encodeURIComponent(`/t/${a.slug}/account`)}`);
  });

  it('the JSON API answers 401 with a code and a message', async () => {
    const res = await app.request(`/api/v1/t/${a.slug}/me`);
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body.code).toBe('Unauthenticated');
    expect(body.message).toBe('请先登录。');
  });

  it('a garbage cookie counts as no session', async () => {
    const res = await app.request(`/api/v1/t/${a.slug}/me`, { headers: { cookie: 'cj_session=not-a-token' } });
    expect(res.status).toBe(401);
  });
});

describe('an unknown tenant', () => {
  it('is 404 for pages and JSON alike', async () => {
    expect((await app.request('/t/no-such-region/login')).status).toBe(404);
    expect((await app.request('/api/v1/t/no-such-region/me')).status).toBe(404);
  });
});

describe('roles', () => {
  it('keep a teacher out of the security-admin-only user list with 403', async () => {
    const teacher = await makeUser(tdb.handle.db, a, { role: 'teacher' });
    const cookie = await signIn(app, a.slug, teacher.email, teacher.password);
    const res = await app.request(`/api/v1/t/${a.slug}/users`, { headers: { cookie } });
    expect(res.status).toBe(403);
  });

  it("list only the tenant's own users to its security admin", async () => {
    const admin = await makeUser(tdb.handle.db, a, { role: 'security_admin' });
    const cookie = await signIn(app, a.slug, admin.email, admin.password);
    const res = await app.request(`/api/v1/t/${a.slug}/users?limit=200`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await json(res)) as { items: { email: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    const bUsers = await app.request(`/api/v1/t/${b.slug}/users`, { headers: { cookie } });
    expect(bUsers.status).toBe(404);
  });
});
