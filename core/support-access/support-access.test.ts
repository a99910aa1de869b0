// Support access (issue 8 point 4): a platform operator reads a tenant's business data only under
// a grant its bureau approved, only by GET, only until it expires or is revoked; every use is
// written to the tenant's audit log with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let platformSlug = 'platform';
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  const existing = await db.selectFrom('tenants').select('slug').where('kind', '=', 'platform').executeTakeFirst();
  platformSlug = existing?.slug ?? (await makeTenant(db, { slug: 'platform', kind: 'platform' })).slug;
});
afterAll(() => tdb.drop());

const HOUR = 3600_000;

async function setup() {
  const t = makeTestApp(db);
  const platform = await db.selectFrom('tenants').selectAll().where('slug', '=', platformSlug).executeTakeFirstOrThrow();
  const tenant = await makeTenant(db);
  const operator = await makeUser(db, platform, { role: 'platform_operator' });
  const bureau = await makeUser(db, tenant, { role: 'bureau_admin' });
  const opCookie = await signIn(t.app, platform.slug, operator.email, operator.password);
  const bureauCookie = await signIn(t.app, tenant.slug, bureau.email, bureau.password);
  const req = (slug: string, cookie: string) => (method: string, path: string, body?: unknown) =>
    t.app.request(`/api/v1/t/${slug}${path}`, {
      method,
      headers: { cookie, origin: TEST_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const op = { platform: req(platform.slug, opCookie), tenant: req(tenant.slug, opCookie) };
  const requestGrant = async (hours = 2) =>
    (await json(await op.platform('POST', '/support-access', { tenant: tenant.slug, reason: '排查学生导入失败（工单 4711）', hours }))).id as string;
  return { ...t, tenant, operator, op, bureau: req(tenant.slug, bureauCookie), requestGrant };
}

describe('support access', () => {
  it('without an approved grant, the operator sees nothing of the tenant (404)', async () => {
    const s = await setup();
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(404);
    await s.requestGrant();
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(404);
  });

  it('once the bureau approves, the operator reads, but writes nothing', async () => {
    const s = await setup();
    const id = await s.requestGrant();
    const list = await json(await s.bureau('GET', '/support-access'));
    expect(list.items).toEqual([expect.objectContaining({ id, status: 'requested', reason: '排查学生导入失败（工单 4711）', hours: 2 })]);
    const approved = await s.bureau('POST', `/support-access/${id}/approve`);
    expect(approved.status).toBe(200);
    expect((await json(approved)).expiresAt).toBe(new Date(s.clock.now().getTime() + 2 * HOUR).toISOString());
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(200);
    expect((await s.op.tenant('POST', '/organizations', { kind: 'school', name: '运维写入' })).status).toBe(403);
    expect((await s.op.tenant('GET', '/users')).status).toBe(403);
    expect((await s.op.tenant('GET', '/audit-log')).status).toBe(403);
  });

  it('audits every use with the reason', async () => {
    const s = await setup();
    const id = await s.requestGrant();
    await s.bureau('POST', `/support-access/${id}/approve`);
    await s.op.tenant('GET', '/organizations');
    await s.op.tenant('GET', '/no-such-route');
    const rows = await withTenant(db, s.tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['actor_user_id', 'entity_id', 'changes']).where('action', '=', 'support_access.use').orderBy('chain_seq').execute(),
    );
    expect(rows.map((r) => (r.changes as unknown as { request: { after: string } }).request.after)).toEqual([
      `GET /api/v1/t/${s.tenant.slug}/organizations`,
      `GET /api/v1/t/${s.tenant.slug}/no-such-route`,
    ]);
    expect(rows[0]).toMatchObject({ actor_user_id: s.operator.id, entity_id: id, changes: { reason: { after: '排查学生导入失败（工单 4711）' } } });
  });

  it('ends when the approved hours have passed', async () => {
    const s = await setup();
    const id = await s.requestGrant(1);
    await s.bureau('POST', `/support-access/${id}/approve`);
    // The operator's own session idles out after 30 minutes: platform use keeps it alive.
    for (let i = 0; i < 3; i++) {
      s.clock.advance(20 * 60_000);
      if (i < 2) expect((await s.op.platform('GET', '/me')).status).toBe(200);
    }
    s.clock.advance(-1000);
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(200);
    s.clock.advance(1000);
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(404);
  });

  it('ends when the bureau revokes it; a rejected or revoked grant cannot be approved', async () => {
    const s = await setup();
    const id = await s.requestGrant();
    await s.bureau('POST', `/support-access/${id}/approve`);
    expect((await s.bureau('POST', `/support-access/${id}/revoke`)).status).toBe(200);
    expect((await s.op.tenant('GET', '/organizations')).status).toBe(404);
    expect((await s.bureau('POST', `/support-access/${id}/approve`)).status).toBe(409);
    const other = await s.requestGrant();
    expect((await s.bureau('POST', `/support-access/${other}/reject`)).status).toBe(200);
    expect((await s.bureau('POST', `/support-access/${other}/approve`)).status).toBe(409);
  });

  it('is requested only by a platform operator, and decided only by the bureau admin', async () => {
    const s = await setup();
    const id = await s.requestGrant();
    const teacher = await makeUser(db, s.tenant, { role: 'teacher' });
    const cookie = await signIn(s.app, s.tenant.slug, teacher.email, teacher.password);
    const res = await s.app.request(`/api/v1/t/${s.tenant.slug}/support-access/${id}/approve`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN } });
    expect(res.status).toBe(403);
    expect((await s.bureau('POST', '/support-access', { tenant: s.tenant.slug, reason: '自己给自己', hours: 1 })).status).toBe(403);
  });
});
