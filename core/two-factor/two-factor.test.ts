// Two-factor sign-in (issue 8 point 1, ASVS 2.7/2.8, 等保 8.1.4.1 d): enrolment forced for admin roles,
// the TOTP code step with ±1 step and no replay, single-use recovery codes, and the reset by a
// security_admin. Time is the test app's manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant, makeUser, TEST_TOTP_SECRET } from '../../test/support/factories.ts';
import { json, makeTestApp, sessionCookieFrom, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { totpCodeFor } from './totp.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

type App = ReturnType<typeof makeTestApp>['app'];

function client(app: App, tenant: Tenant) {
  return async (method: string, path: string, cookie: string | null, body?: unknown) => {
    const res = await app.request(`/api/v1/t/${tenant.slug}${path}`, {
      method,
      headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res;
  };
}

async function setup(role: 'bureau_admin' | 'teacher' = 'bureau_admin', totp = true) {
  const t = makeTestApp(db);
  const tenant = await makeTenant(db);
  const user = await makeUser(db, tenant, { role, totp });
  return { ...t, tenant, user, call: client(t.app, tenant) };
}

const passwordStep = async (s: Awaited<ReturnType<typeof setup>>) => {
  const res = await s.call('POST', '/session', null, { email: s.user.email, password: s.user.password });
  return { res, body: await json(res), cookie: sessionCookieFrom(res) };
};

describe('enrolment', () => {
  it('is forced on a bureau admin without 2FA: the session reaches enrolment and nothing else', async () => {
    const s = await setup('bureau_admin', false);
    const { body, cookie } = await passwordStep(s);
    expect(body.stage).toBe('enrol');
    expect((await s.call('GET', '/organizations', cookie)).status).toBe(403);
    expect((await s.call('GET', '/me/sessions', cookie)).status).toBe(403);
    expect((await s.call('PUT', '/me/password', cookie, { currentPassword: s.user.password, newPassword: 'Kq7-mzt-Rw2x' })).status).toBe(403);
    const page = await s.app.request(`/t/${s.tenant.slug}/account`, { headers: { cookie } });
    expect(page.headers.get('location')).toBe(`/t/${s.tenant.slug}/login/enrol`);
    expect((await s.call('GET', '/me', cookie)).status).toBe(200);
  });

  it('shows a secret and its QR code, confirms with a code and hands out 10 recovery codes once', async () => {
    const s = await setup('bureau_admin', false);
    const { cookie } = await passwordStep(s);
    const setupRes = await s.call('POST', '/me/2fa/setup', cookie, {});
    expect(setupRes.status).toBe(200);
    const start = await json(setupRes);
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(start.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: start.secret, algorithm: 'SHA1', digits: '6', period: '30' });
    expect(start.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(start.qrSvg).not.toMatch(/<script/i);

    expect((await s.call('POST', '/me/2fa/confirm', cookie, { code: '000000' })).status).toBe(422);
    const confirm = await s.call('POST', '/me/2fa/confirm', cookie, { code: totpCodeFor(start.secret, s.clock.now()) });
    expect(confirm.status).toBe(200);
    const done = await json(confirm);
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    expect(done.stage).toBe('full');
    const full = sessionCookieFrom(confirm);
    expect((await s.call('GET', '/organizations', full)).status).toBe(200);
    // The enrolment session's token is gone: a new token for the new privilege.
    expect((await s.call('GET', '/me', cookie)).status).toBe(401);
  });

  it('stores the secret sealed and the recovery codes hashed, never in clear', async () => {
    const s = await setup('bureau_admin', false);
    const { cookie } = await passwordStep(s);
    const start = await json(await s.call('POST', '/me/2fa/setup', cookie, {}));
    const done = await json(await s.call('POST', '/me/2fa/confirm', cookie, { code: totpCodeFor(start.secret, s.clock.now()) }));
    const stored = await withTenant(db, s.tenant.id, async (tx) => ({
      user: await tx.selectFrom('users').selectAll().where('id', '=', s.user.id).executeTakeFirstOrThrow(),
      codes: await tx.selectFrom('recovery_codes').selectAll().where('user_id', '=', s.user.id).execute(),
    }));
    const dump = JSON.stringify(stored);
    expect(stored.user.totp_secret_ciphertext).toBeTruthy();
    expect(dump).not.toContain(start.secret);
    for (const code of done.recoveryCodes as string[]) expect(dump).not.toContain(code);
  });

  it('needs the password to replace a working authenticator', async () => {
    const s = await setup();
    const cookie = await signIn(s.app, s.tenant.slug, s.user.email, s.user.password);
    expect((await s.call('POST', '/me/2fa/setup', cookie, {})).status).toBe(422);
    expect((await s.call('POST', '/me/2fa/setup', cookie, { password: s.user.password })).status).toBe(200);
  });
});

describe('signing in with a code', () => {
  it('refuses the app until the code step is done, then opens a new session', async () => {
    const s = await setup();
    const { body, cookie } = await passwordStep(s);
    expect(body.stage).toBe('totp');
    expect((await s.call('GET', '/organizations', cookie)).status).toBe(403);
    const res = await s.call('POST', '/session/code', cookie, { code: totpCodeFor(TEST_TOTP_SECRET, s.clock.now()) });
    expect(res.status).toBe(200);
    expect((await json(res)).stage).toBe('full');
    expect((await s.call('GET', '/organizations', sessionCookieFrom(res))).status).toBe(200);
    expect((await s.call('GET', '/me', cookie)).status).toBe(401);
  });

  it('accepts the code of the step before or after (±30 s), not two steps away', async () => {
    const s = await setup();
    const at = (ms: number) => totpCodeFor(TEST_TOTP_SECRET, new Date(s.clock.now().getTime() + ms));
    for (const [offset, status] of [[-60_000, 401], [60_000, 401], [-30_000, 200]] as const) {
      const { cookie } = await passwordStep(s);
      expect((await s.call('POST', '/session/code', cookie, { code: at(offset) })).status).toBe(status);
    }
    const { cookie } = await passwordStep(s);
    expect((await s.call('POST', '/session/code', cookie, { code: at(30_000) })).status).toBe(200);
  });

  it('never accepts the same code twice (replay)', async () => {
    const s = await setup();
    const code = totpCodeFor(TEST_TOTP_SECRET, s.clock.now());
    const first = await passwordStep(s);
    expect((await s.call('POST', '/session/code', first.cookie, { code })).status).toBe(200);
    const second = await passwordStep(s);
    expect((await s.call('POST', '/session/code', second.cookie, { code })).status).toBe(401);
  });

  it('counts wrong codes like wrong passwords: the fifth locks the account', async () => {
    const s = await setup();
    for (let i = 0; i < 5; i++) {
      const { cookie } = await passwordStep(s);
      expect((await s.call('POST', '/session/code', cookie, { code: '000000' })).status).toBe(401);
    }
    const { res } = { res: await s.call('POST', '/session', null, { email: s.user.email, password: s.user.password }) };
    expect(res.status).toBe(401);
  });

  it('gives the code step 5 minutes, no more', async () => {
    const s = await setup();
    const { cookie } = await passwordStep(s);
    s.clock.advance(5 * 60_000);
    expect((await s.call('POST', '/session/code', cookie, { code: totpCodeFor(TEST_TOTP_SECRET, s.clock.now()) })).status).toBe(401);
  });

  it('takes a recovery code instead, once', async () => {
    const s = await setup();
    const cookie = await signIn(s.app, s.tenant.slug, s.user.email, s.user.password);
    s.clock.advance(30_000);
    const codes = (await json(await s.call('POST', '/me/2fa/recovery-codes', cookie, { code: totpCodeFor(TEST_TOTP_SECRET, s.clock.now()) })))
      .recoveryCodes as string[];
    const first = await passwordStep(s);
    const used = await s.call('POST', '/session/code', first.cookie, { recoveryCode: codes[0]!.toUpperCase() });
    expect(used.status).toBe(200);
    expect((await json(used)).recoveryCodesLeft).toBe(9);
    const again = await passwordStep(s);
    expect((await s.call('POST', '/session/code', again.cookie, { recoveryCode: codes[0] })).status).toBe(401);
    const actions = await withTenant(db, s.tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity_id', '=', s.user.id).execute());
    expect(actions.map((a) => a.action)).toContain('recovery_code.used');
  });

  it('works through the pages too', async () => {
    const s = await setup();
    const { cookie } = await passwordStep(s);
    const form = await s.app.request(`/t/${s.tenant.slug}/login/code`, {
      method: 'POST',
      headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: totpCodeFor(TEST_TOTP_SECRET, s.clock.now()), next: `/t/${s.tenant.slug}/account` }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/t/${s.tenant.slug}/account`);
  });
});

describe('a reset by the security admin', () => {
  it('clears the authenticator, ends the sessions, and sends the user back to enrolment', async () => {
    const s = await setup();
    const security = await makeUser(db, s.tenant, { role: 'security_admin' });
    const userCookie = await signIn(s.app, s.tenant.slug, s.user.email, s.user.password);
    const adminCookie = await signIn(s.app, s.tenant.slug, security.email, security.password);
    expect((await s.call('POST', `/users/${s.user.id}/2fa-reset`, adminCookie)).status).toBe(204);
    expect((await s.call('GET', '/me', userCookie)).status).toBe(401);
    expect((await passwordStep(s)).body.stage).toBe('enrol');
    const actions = await withTenant(db, s.tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity_id', '=', s.user.id).where('action', 'like', 'totp.%').execute(),
    );
    expect(actions).toEqual([{ action: 'totp.reset', actor_user_id: security.id }]);
  });

  it('is refused to a bureau admin', async () => {
    const s = await setup();
    const bureau = await makeUser(db, s.tenant, { role: 'bureau_admin' });
    const cookie = await signIn(s.app, s.tenant.slug, bureau.email, bureau.password);
    expect((await s.call('POST', `/users/${s.user.id}/2fa-reset`, cookie)).status).toBe(403);
  });
});
