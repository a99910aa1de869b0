// 三员分立 (issue 8 point 4): the security_admin manages users, roles, 2FA resets and the security
// settings; the audit_admin reads and exports the audit log and nothing else; the bureau_admin
// runs the business but no longer manages users unless also security_admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { DutyRole, Role } from './schema.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

async function setup() {
  const t = makeTestApp(db);
  const tenant = await makeTenant(db);
  const as = async (role: Role, extraRoles: DutyRole[] = []) => {
    const user = await makeUser(db, tenant, { role, extraRoles });
    const cookie = await signIn(t.app, tenant.slug, user.email, user.password);
    return {
      user,
      call: (method: string, path: string, body?: unknown) =>
        t.app.request(`/api/v1/t/${tenant.slug}${path}`, {
          method,
          headers: { cookie, origin: TEST_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
    };
  };
  return { ...t, tenant, as };
}

const newUser = (email: string) => ({ email, displayName: '新用户', role: 'teacher', organizationId: null, password: 'Kq7-mzt-Rw2x' });

describe('the security admin', () => {
  it('lists, creates and re-roles users, with each change audited', async () => {
    const s = await setup();
    const security = await s.as('security_admin');
    expect((await security.call('GET', '/users')).status).toBe(200);
    const created = await security.call('POST', '/users', { ...newUser('zhao@school.cn'), role: 'evaluator' });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    const changed = await security.call('PATCH', `/users/${id}/roles`, { extraRoles: ['audit_admin'] });
    expect(changed.status).toBe(200);
    expect((await json(changed)).extraRoles).toEqual(['audit_admin']);
    const actions = await withTenant(db, s.tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('chain_seq').execute());
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.roles']);
  });

  it('refuses a weak initial password and a duplicate e-mail', async () => {
    const s = await setup();
    const security = await s.as('security_admin');
    expect((await security.call('POST', '/users', { ...newUser('qian@school.cn'), password: 'Password1234!' })).status).toBe(422);
    expect((await security.call('POST', '/users', newUser('sun@school.cn'))).status).toBe(422);
    const sun = { ...newUser('sun@school.cn'), role: 'evaluator' };
    expect((await security.call('POST', '/users', sun)).status).toBe(201);
    expect((await security.call('POST', '/users', sun)).status).toBe(409);
  });

  it('cannot change its own roles', async () => {
    const s = await setup();
    const security = await s.as('security_admin');
    expect((await security.call('PATCH', `/users/${security.user.id}/roles`, { extraRoles: [] })).status).toBe(403);
  });

  it('sets the tenant security settings (audited), within their bounds', async () => {
    const s = await setup();
    const security = await s.as('security_admin');
    expect((await security.call('PUT', '/security-settings', { require2faAll: true, extendedIdleMinutes: 481, passwordRotation: true })).status).toBe(422);
    const ok = await security.call('PUT', '/security-settings', { require2faAll: true, extendedIdleMinutes: 480, passwordRotation: true });
    expect(ok.status).toBe(200);
    const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', s.tenant.id).executeTakeFirstOrThrow();
    expect(tenant).toMatchObject({ require_2fa_all: true, extended_idle_minutes: 480, password_rotation: true });
    const [row] = await withTenant(db, s.tenant.id, (tx) => tx.selectFrom('audit_log').select('changes').where('action', '=', 'tenant.security_settings').execute());
    expect(row!.changes).toMatchObject({ extended_idle_minutes: { before: null, after: 480 } });
  });

  it('reaches no business data', async () => {
    const s = await setup();
    const security = await s.as('security_admin');
    expect((await security.call('GET', '/organizations')).status).toBe(403);
    expect((await security.call('GET', '/audit-log')).status).toBe(403);
  });
});

describe('the bureau admin', () => {
  it('no longer manages users', async () => {
    const s = await setup();
    const bureau = await s.as('bureau_admin');
    expect((await bureau.call('GET', '/users')).status).toBe(403);
    expect((await bureau.call('POST', '/users', newUser('li@school.cn'))).status).toBe(403);
    expect((await bureau.call('GET', '/security-settings')).status).toBe(403);
    expect((await bureau.call('GET', '/organizations')).status).toBe(200);
  });

  it('manages users when also security_admin', async () => {
    const s = await setup();
    const both = await s.as('bureau_admin', ['security_admin']);
    expect((await both.call('GET', '/users')).status).toBe(200);
    expect((await both.call('GET', '/organizations')).status).toBe(200);
  });

  it('does not read the audit log', async () => {
    const s = await setup();
    expect((await (await s.as('bureau_admin')).call('GET', '/audit-log')).status).toBe(403);
  });
});

describe('the audit admin', () => {
  it('reads the audit log newest first, filtered and paged', async () => {
    const s = await setup();
    await s.as('teacher');
    const audit = await s.as('audit_admin');
    const res = await audit.call('GET', '/audit-log?action=login&limit=1');
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ action: 'login', entity: 'user' });
    expect(page.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page.nextBefore).toBe(page.items[0].seq);
    const next = await json(await audit.call('GET', `/audit-log?action=login&before=${page.nextBefore}`));
    expect(next.items.every((i: { seq: number }) => i.seq < page.nextBefore)).toBe(true);
  });

  it('exports it as CSV, and the export is itself audited', async () => {
    const s = await setup();
    const audit = await s.as('audit_admin');
    const res = await audit.call('GET', '/audit-log/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    const text = await res.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('seq,at,actor_user_id,action,entity,entity_id,changes,request_id,hash');
    expect(text).toContain(',login,user,');
    const log = await json(await audit.call('GET', '/audit-log?action=audit_log.export'));
    expect(log.items[0].actorUserId).toBe(audit.user.id);
  });

  it('reaches nothing else: no business data, no users', async () => {
    const s = await setup();
    const audit = await s.as('audit_admin');
    expect((await audit.call('GET', '/organizations')).status).toBe(403);
    expect((await audit.call('GET', '/users')).status).toBe(403);
    expect((await audit.call('GET', '/findings')).status).toBe(403);
  });
});
