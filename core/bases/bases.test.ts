// Bases over the API: kinds and owners, a school admin keeping only its school's bases,
// read-only roles, audit, concurrency and the tenant wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../users/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();
const setup = async () => {
  const tenant = await makeTenant(tdb.handle.db);
  const school = await makeOrganization(tdb.handle.db, tenant, 'school', '第一职业学校');
  const enterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '某装备公司');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = school.id) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  const base = (extra: Record<string, unknown> = {}) => ({ name: '数控实训基地', kind: 'training', ownerId: school.id, partnerId: enterprise.id, level: 'provincial', establishedOn: '2023-09-01', ...extra });
  return { tenant, school, enterprise, bureau, as, base };
};

describe('bases', () => {
  it('are recorded with owner, partner, level and date', async () => {
    const { bureau, base } = await setup();
    const res = await bureau.call('POST', '/bases', base());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'training', level: 'provincial', establishedOn: '2023-09-01', version: 1 });
    expect((await bureau.call('GET', `/bases/${res.body.id}`)).body.name).toBe('数控实训基地');
  });

  it('name every bad field, including an owner that is a department', async () => {
    const { tenant, bureau, base } = await setup();
    const dept = await makeOrganization(tdb.handle.db, tenant, 'department', '发改委');
    const res = await bureau.call('POST', '/bases', base({ name: '', kind: 'museum', level: 'galactic', establishedOn: 'soon' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['establishedOn', 'kind', 'level', 'name']);
    expect(paths((await bureau.call('POST', '/bases', base({ ownerId: dept.id }))).body)).toEqual(['ownerId']);
  });

  it('are filtered by kind', async () => {
    const { bureau, base } = await setup();
    await bureau.call('POST', '/bases', base({ name: '研发中心', kind: 'rd_platform' }));
    await bureau.call('POST', '/bases', base());
    expect((await bureau.call('GET', '/bases?kind=rd_platform')).body.items.map((b: { name: string }) => b.name)).toEqual(['研发中心']);
  });

  it('are updated with a version; a stale one gets 409; each write is audited', async () => {
    const { tenant, bureau, base } = await setup();
    const created = (await bureau.call('POST', '/bases', base())).body;
    expect((await bureau.call('PATCH', `/bases/${created.id}`, { level: 'national', version: 1 })).body).toMatchObject({ level: 'national', version: 2 });
    expect((await bureau.call('PATCH', `/bases/${created.id}`, { level: 'city', version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'base').where('entity_id', '=', created.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it("are kept by a school admin for bases its school owns only", async () => {
    const { enterprise, bureau, as, base } = await setup();
    const admin = await as('school_admin');
    expect((await admin.call('POST', '/bases', base())).status).toBe(201);
    expect((await admin.call('POST', '/bases', base({ ownerId: enterprise.id }))).status).toBe(403);
    const theirs = (await bureau.call('POST', '/bases', base({ ownerId: enterprise.id }))).body;
    expect((await admin.call('GET', `/bases/${theirs.id}`)).status).toBe(200);
    expect((await admin.call('PATCH', `/bases/${theirs.id}`, { name: '改名', version: 1 })).status).toBe(403);
  });

  it('are read but not written by teachers and evaluators, and hidden from officers and mentors', async () => {
    const { bureau, as, base } = await setup();
    const created = (await bureau.call('POST', '/bases', base())).body;
    for (const role of ['teacher', 'evaluator'] as const) {
      const api = await as(role);
      expect((await api.call('GET', '/bases')).body.items).toHaveLength(1);
      expect((await api.call('POST', '/bases', base())).status).toBe(403);
    }
    for (const role of ['department_officer', 'enterprise_mentor'] as const) expect((await (await as(role, null)).call('GET', '/bases')).status).toBe(403);
    expect((await (await as('enterprise_mentor', null)).call('GET', `/bases/${created.id}`)).status).toBe(404);
  });

  it('are not found from another tenant', async () => {
    const { bureau, base } = await setup();
    const created = (await bureau.call('POST', '/bases', base())).body;
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/bases/${created.id}`)).status).toBe(404);
    expect((await stranger.call('DELETE', `/bases/${created.id}?version=1`)).status).toBe(404);
  });
});
