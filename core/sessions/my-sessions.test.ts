// "My sessions" (ASVS 3.3.4): the user sees their active sessions (device, address, last activity)
// and ends any; a password change ends the others and leaves a notice (ASVS 2.2.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, sessionCookieFrom, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const WECHAT_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50';

async function setup() {
  const t = makeTestApp(db);
  const tenant = await makeTenant(db);
  const user = await makeUser(db, tenant, { role: 'teacher', totp: false });
  const login = async (userAgent: string) => {
    const res = await t.app.request(`/api/v1/t/${tenant.slug}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    return sessionCookieFrom(res);
  };
  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    t.app.request(`/api/v1/t/${tenant.slug}${path}`, {
      method,
      headers: { cookie, origin: TEST_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { ...t, tenant, user, login, call };
}

describe('my sessions', () => {
  it('lists each active session with its device, address and last activity, the current one marked', async () => {
    const s = await setup();
    const laptop = await s.login(CHROME_WINDOWS);
    s.clock.advance(5 * 60_000);
    await s.login(WECHAT_IOS);
    const res = await s.call('GET', '/me/sessions', laptop);
    expect(res.status).toBe(200);
    const { items } = await json(res);
    expect(items).toHaveLength(2);
    expect(items.map((i: { device: unknown }) => i.device)).toEqual(
      expect.arrayContaining([{ browser: 'Chrome', os: 'Windows' }, { browser: 'WeChat', os: 'iOS' }]),
    );
    const current = items.find((i: { current: boolean }) => i.current);
    expect(current.device).toEqual({ browser: 'Chrome', os: 'Windows' });
    expect(current).toHaveProperty('ip');
    expect(current.lastSeenAt).toBe('2026-03-01T08:05:00.000Z');
    expect(items.every((i: { id: string }) => /^[0-9a-f]{16}$/.test(i.id))).toBe(true);
  });

  it('ends another session on request, which then counts as signed out', async () => {
    const s = await setup();
    const laptop = await s.login(CHROME_WINDOWS);
    const phone = await s.login(WECHAT_IOS);
    const { items } = await json(await s.call('GET', '/me/sessions', laptop));
    const other = items.find((i: { current: boolean }) => !i.current);
    expect((await s.call('DELETE', `/me/sessions/${other.id}`, laptop)).status).toBe(204);
    expect((await s.call('GET', '/me', phone)).status).toBe(401);
    expect((await s.call('GET', '/me', laptop)).status).toBe(200);
  });

  it("cannot end another user's session (404, nothing removed)", async () => {
    const s = await setup();
    const other = await makeUser(db, s.tenant, { role: 'teacher', totp: false });
    const otherCookie = await signIn(s.app, s.tenant.slug, other.email, other.password);
    const { items } = await json(await s.call('GET', '/me/sessions', otherCookie));
    const mine = await s.login(CHROME_WINDOWS);
    expect((await s.call('DELETE', `/me/sessions/${items[0].id}`, mine)).status).toBe(404);
    expect((await s.call('GET', '/me', otherCookie)).status).toBe(200);
  });

  it('after a password change: only the new session is left, and the user has a notice', async () => {
    const s = await setup();
    const phone = await s.login(WECHAT_IOS);
    const laptop = await s.login(CHROME_WINDOWS);
    const res = await s.call('PUT', '/me/password', laptop, { currentPassword: s.user.password, newPassword: 'Kq7-mzt-Rw2x' });
    expect(res.status).toBe(200);
    const fresh = sessionCookieFrom(res);
    expect((await s.call('GET', '/me', phone)).status).toBe(401);
    expect((await json(await s.call('GET', '/me/sessions', fresh))).items).toHaveLength(1);
    const notices = await withTenant(db, s.tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', s.user.id).where('action', 'like', 'account_notice.%').execute(),
    );
    expect(notices).toEqual([{ action: 'account_notice.password_changed', changes: { sessions: { before: 2, after: 0 } } }]);
  });
});
