// Sessions as the Lucia guide designs them (a random token in a hardened cookie, only its SHA-256
// stored) with the policy of issue 8: 30 minutes idle, 12 hours absolute, teachers and mentors up to
// 8 hours idle where the tenant allows; sign-in locks after 5 failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/database.ts';
import { sessionIdOf } from '../../core/sessions/session-token.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import type { Role } from '../../core/users/schema.ts';
import { expireSessions } from '../../workers/housekeeping.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { makeTestApp, sessionCookieFrom, signIn, TEST_ORIGIN, json } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const HOUR = 3600 * 1000;
const MINUTE = 60 * 1000;

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

async function setup(options: { env?: Record<string, string>; role?: Role; totp?: boolean; extendedIdle?: number } = {}) {
  const t = makeTestApp(db, options.env ? { env: options.env } : {});
  let tenant = await makeTenant(db);
  if (options.extendedIdle) {
    tenant = await db.updateTable('tenants').set({ extended_idle_minutes: options.extendedIdle }).where('id', '=', tenant.id).returningAll().executeTakeFirstOrThrow();
  }
  const user = await makeUser(db, tenant, { role: options.role ?? 'bureau_admin', totp: options.totp ?? true });
  return { ...t, tenant, user };
}

const me = (app: Awaited<ReturnType<typeof setup>>['app'], tenant: Tenant, cookie: string) =>
  app.request(`/api/v1/t/${tenant.slug}/me`, { headers: { cookie } });

const storedSessions = (tenant: Tenant, userId: string) =>
  withTenant(db, tenant.id, (tx) => tx.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute());

const tryLogin = (app: Awaited<ReturnType<typeof setup>>['app'], tenant: Tenant, email: string, password: string) =>
  app.request(`/api/v1/t/${tenant.slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, not Secure on localhost, and lives at most 12 hours', async () => {
    const { app, tenant, user } = await setup({ role: 'teacher', totp: false });
    const res = await tryLogin(app, tenant, user.email, user.password);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('cj_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Secure/);
    expect(set).toMatch(/Max-Age=43200/);
  });

  it('is Secure and __Host- prefixed when served over https', async () => {
    const { app, tenant, user } = await setup({ env: { PUBLIC_URL: 'https://chanjiao.example.gov.cn' } });
    const res = await tryLogin(app, tenant, user.email, user.password);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-cj_session='));
    expect(set).toMatch(/Secure/);
  });

  it('holds a token whose SHA-256, not the token, is what the database stores', async () => {
    const { app, tenant, user } = await setup();
    const token = sessionCookieFrom(await tryLogin(app, tenant, user.email, user.password)).split('=')[1]!;
    const rows = await storedSessions(tenant, user.id);
    expect(rows.map((r) => r.id)).toEqual([sessionIdOf(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('session expiry', () => {
  it('ends a session left idle for 30 minutes', async () => {
    const { app, clock, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    clock.advance(30 * MINUTE - 1000);
    expect((await me(app, tenant, cookie)).status).toBe(200);
    clock.advance(30 * MINUTE);
    expect((await me(app, tenant, cookie)).status).toBe(401);
  });

  it('keeps a session in use: each request (at most once a minute) moves the idle expiry', async () => {
    const { app, clock, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    for (let i = 0; i < 5; i++) {
      clock.advance(25 * MINUTE);
      expect((await me(app, tenant, cookie)).status).toBe(200);
    }
    const [row] = await storedSessions(tenant, user.id);
    expect(row!.expires_at.getTime()).toBe(clock.now().getTime() + 30 * MINUTE);
  });

  it('does not write the session again within a minute of the last write', async () => {
    const { app, clock, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    const [before] = await storedSessions(tenant, user.id);
    clock.advance(59 * 1000);
    const res = await me(app, tenant, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    const [after] = await storedSessions(tenant, user.id);
    expect(after!.expires_at).toEqual(before!.expires_at);
  });

  it('ends even a busy session 12 hours after sign-in', async () => {
    const { app, clock, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    for (let i = 0; i < 35; i++) {
      clock.advance(20 * MINUTE);
      expect((await me(app, tenant, cookie)).status).toBe(200);
    }
    clock.advance(20 * MINUTE - 1000);
    expect((await me(app, tenant, cookie)).status).toBe(200);
    clock.advance(1000);
    expect((await me(app, tenant, cookie)).status).toBe(401);
  });

  it("gives teachers the tenant's longer idle time (8 hours), but not a bureau admin", async () => {
    const teacher = await setup({ role: 'teacher', extendedIdle: 480 });
    const cookie = await signIn(teacher.app, teacher.tenant.slug, teacher.user.email, teacher.user.password);
    teacher.clock.advance(8 * HOUR - 1000);
    expect((await me(teacher.app, teacher.tenant, cookie)).status).toBe(200);
    teacher.clock.advance(8 * HOUR);
    expect((await me(teacher.app, teacher.tenant, cookie)).status).toBe(401);

    const bureau = await setup({ role: 'bureau_admin', extendedIdle: 480 });
    const bureauCookie = await signIn(bureau.app, bureau.tenant.slug, bureau.user.email, bureau.user.password);
    bureau.clock.advance(31 * MINUTE);
    expect((await me(bureau.app, bureau.tenant, bureauCookie)).status).toBe(401);
  });

  it('leaves expired rows to housekeeping, which removes them and only them', async () => {
    const { app, clock, tenant, user } = await setup();
    await signIn(app, tenant.slug, user.email, user.password);
    clock.advance(31 * MINUTE);
    const fresh = await signIn(app, tenant.slug, user.email, user.password);
    const removed = await expireSessions(db, tenantDirectory(db, 0), clock);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await storedSessions(tenant, user.id)).toHaveLength(1);
    expect((await me(app, tenant, fresh)).status).toBe(200);
  });
});

describe('signing out', () => {
  it('deletes the session row and clears the cookie', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    // Browsers send Origin with every fetch that is not a GET; the CSRF guard requires it.
    const res = await app.request(`/api/v1/t/${tenant.slug}/session`, { method: 'DELETE', headers: { cookie, origin: TEST_ORIGIN } });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()[0]).toMatch(/cj_session=;.*Max-Age=0/);
    expect(await storedSessions(tenant, user.id)).toEqual([]);
    expect((await me(app, tenant, cookie)).status).toBe(401);
  });

  it('is written to the audit log', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    await app.request(`/api/v1/t/${tenant.slug}/session`, { method: 'DELETE', headers: { cookie, origin: TEST_ORIGIN } });
    const actions = await withTenant(db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').select('action').where('actor_user_id', '=', user.id).orderBy('id').execute(),
    );
    expect(actions.map((a) => a.action)).toEqual(['login.password_ok', 'login', 'logout']);
  });

  it('works from the page form too', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    const res = await app.request(`/t/${tenant.slug}/logout`, {
      method: 'POST',
      headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(303);
    expect((await me(app, tenant, cookie)).status).toBe(401);
  });
});

describe('changing the password', () => {
  it('ends every session of the user and starts one new one for this device', async () => {
    const { app, tenant, user } = await setup();
    const phone = await signIn(app, tenant.slug, user.email, user.password);
    const laptop = await signIn(app, tenant.slug, user.email, user.password);
    const res = await app.request(`/api/v1/t/${tenant.slug}/me/password`, {
      method: 'PUT',
      headers: { cookie: laptop, origin: TEST_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: user.password, newPassword: 'Brand-new-pass-42' }),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ endedSessions: 2 });
    expect((await me(app, tenant, phone)).status).toBe(401);
    expect((await me(app, tenant, laptop)).status).toBe(401);
    expect((await me(app, tenant, sessionCookieFrom(res))).status).toBe(200);
    expect((await tryLogin(app, tenant, user.email, 'Brand-new-pass-42')).status).toBe(200);
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    const res = await app.request(`/api/v1/t/${tenant.slug}/me/password`, {
      method: 'PUT',
      headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'Not-the-password-1', newPassword: 'Brand-new-pass-42' }),
    });
    expect(res.status).toBe(422);
    expect((await me(app, tenant, cookie)).status).toBe(200);
  });

  it('refuses a password of 11 characters and accepts a strong one of 12 with 3 character classes', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    const change = (newPassword: string, c = cookie) =>
      app.request(`/api/v1/t/${tenant.slug}/me/password`, {
        method: 'PUT',
        headers: { cookie: c, origin: TEST_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: user.password, newPassword }),
      });
    expect((await change('Kq7-mzt-Rw2')).status).toBe(422);
    expect((await change('kq7mztrwpbvx')).status).toBe(422);
    expect((await change('Kq7-mzt-Rw2x')).status).toBe(200);
  });

  it('is written to the audit log without the password', async () => {
    const { app, tenant, user } = await setup();
    const cookie = await signIn(app, tenant.slug, user.email, user.password);
    await app.request(`/api/v1/t/${tenant.slug}/me/password`, {
      method: 'PUT',
      headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/json', 'x-request-id': 'req-password-change-1' },
      body: JSON.stringify({ currentPassword: user.password, newPassword: 'Brand-new-pass-42' }),
    });
    const rows = await withTenant(db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').selectAll().where('action', '=', 'password.change').execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: user.id, entity: 'user', entity_id: user.id, request_id: 'req-password-change-1' });
    expect(JSON.stringify(rows[0]!.changes)).not.toContain('Brand-new-pass-42');
  });
});

describe('signing in', () => {
  it('answers an unknown e-mail and a wrong password with the same 401 message', async () => {
    const { app, tenant, user } = await setup();
    const unknown = await tryLogin(app, tenant, 'nobody@example.cn', user.password);
    const wrong = await tryLogin(app, tenant, user.email, 'Wrong-password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [u, w] = [await json(unknown), await json(wrong)];
    expect(u.message).toBe(w.message);
    expect(u.code).toBe('Unauthenticated');
  });

  it('locks the account after 5 wrong passwords: even the right one is refused', async () => {
    const { app, tenant, user } = await setup();
    for (let i = 0; i < 4; i++) expect((await tryLogin(app, tenant, user.email, 'Wrong-password-1')).status).toBe(401);
    expect((await tryLogin(app, tenant, user.email, user.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) await tryLogin(app, tenant, user.email, 'Wrong-password-1');
    expect((await tryLogin(app, tenant, user.email, user.password)).status).toBe(401);
  });

  it('unlocks 15 minutes after the lock, not a minute earlier', async () => {
    const { app, clock, tenant, user } = await setup();
    for (let i = 0; i < 5; i++) await tryLogin(app, tenant, user.email, 'Wrong-password-1');
    clock.advance(14 * MINUTE + 59 * 1000);
    expect((await tryLogin(app, tenant, user.email, user.password)).status).toBe(401);
    clock.advance(1000);
    expect((await tryLogin(app, tenant, user.email, user.password)).status).toBe(200);
  });

  it('records each failure and the lock in the audit log', async () => {
    const { app, tenant, user } = await setup();
    for (let i = 0; i < 5; i++) await tryLogin(app, tenant, user.email, 'Wrong-password-1');
    const actions = await withTenant(db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).orderBy('id').execute(),
    );
    expect(actions.map((a) => a.action)).toEqual(['login.failed', 'login.failed', 'login.failed', 'login.failed', 'login.locked']);
  });

  it('through the page form redirects to the page asked for, within the tenant only', async () => {
    const { app, tenant, user } = await setup({ role: 'teacher', totp: false });
    const form = (next: string) =>
      app.request(`/t/${tenant.slug}/login`, {
        method: 'POST',
        headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: user.email, password: user.password, next }).toString(),
      });
    expect((await form(`/t/${tenant.slug}/account`)).headers.get('location')).toBe(`/t/${tenant.slug}/account`);
    expect((await form('https://evil.example/')).headers.get('location')).toBe(`/t/${tenant.slug}`);
    expect((await form('//evil.example/')).headers.get('location')).toBe(`/t/${tenant.slug}`);
  });

  it('through the page form sends an enrolled user to the code step first, keeping where it was going', async () => {
    const { app, tenant, user } = await setup();
    const res = await app.request(`/t/${tenant.slug}/login`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: user.password, next: `/t/${tenant.slug}/account` }).toString(),
    });
    expect(res.headers.get('location')).toBe(`/t/${tenant.slug}/login/code?next=${encodeURIComponent(`/t/${tenant.slug}/account`)}`);
    const home = await app.request(`/t/${tenant.slug}`, { headers: { cookie: sessionCookieFrom(res) } });
    expect(home.headers.get('location')).toBe(`/t/${tenant.slug}/login/code`);
  });
});
