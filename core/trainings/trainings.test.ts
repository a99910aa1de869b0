// Trainings over the API: dates whose end may equal the start, hours as numbers, a school
// admin keeping only what its school provides, read-only roles, audit, concurrency, tenant wall.
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
  const enterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '某化工公司');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = school.id) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  const training = (extra: Record<string, unknown> = {}) => ({ providerId: school.id, enterpriseId: enterprise.id, kind: 'employee_skills', title: '安全生产技能培训', startOn: '2025-05-10', endOn: '2025-05-12', trainees: 40, hours: 24.5, ...extra });
  return { tenant, school, enterprise, bureau, as, training };
};

describe('trainings', () => {
  it('are recorded with trainees and hours, hours returned as a number', async () => {
    const { bureau, training } = await setup();
    const res = await bureau.call('POST', '/trainings', training());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trainees: 40, hours: 24.5, startOn: '2025-05-10', version: 1 });
  });

  it('accept an end equal to the start and refuse one a day before', async () => {
    const { bureau, training } = await setup();
    expect((await bureau.call('POST', '/trainings', training({ startOn: '2025-05-10', endOn: '2025-05-10' }))).status).toBe(201);
    const res = await bureau.call('POST', '/trainings', training({ startOn: '2025-05-10', endOn: '2025-05-09' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['endOn']);
  });

  it('name every bad field', async () => {
    const { school, bureau, training } = await setup();
    const res = await bureau.call('POST', '/trainings', training({ kind: 'yoga', title: '', trainees: -1, hours: 1.25 }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['hours', 'kind', 'title', 'trainees']);
    expect(paths((await bureau.call('POST', '/trainings', training({ enterpriseId: school.id }))).body)).toEqual(['enterpriseId']);
  });

  it('are filtered by enterprise', async () => {
    const { tenant, bureau, training } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '另一家公司');
    await bureau.call('POST', '/trainings', training({ enterpriseId: other.id, title: '另一家的培训' }));
    await bureau.call('POST', '/trainings', training());
    expect((await bureau.call('GET', `/trainings?enterpriseId=${other.id}`)).body.items.map((t: { title: string }) => t.title)).toEqual(['另一家的培训']);
  });

  it('are updated with a version; a stale one gets 409; each write is audited', async () => {
    const { tenant, bureau, training } = await setup();
    const created = (await bureau.call('POST', '/trainings', training())).body;
    expect((await bureau.call('PATCH', `/trainings/${created.id}`, { trainees: 45, version: 1 })).body).toMatchObject({ trainees: 45, version: 2 });
    expect((await bureau.call('PATCH', `/trainings/${created.id}`, { trainees: 50, version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'training').where('entity_id', '=', created.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('are kept by a school admin for trainings its school provides only', async () => {
    const { enterprise, bureau, as, training } = await setup();
    const admin = await as('school_admin');
    expect((await admin.call('POST', '/trainings', training())).status).toBe(201);
    expect((await admin.call('POST', '/trainings', training({ providerId: enterprise.id }))).status).toBe(403);
    const theirs = (await bureau.call('POST', '/trainings', training({ providerId: enterprise.id }))).body;
    expect((await admin.call('PATCH', `/trainings/${theirs.id}`, { title: '改', version: 1 })).status).toBe(403);
  });

  it('are read but not written by teachers and evaluators, and hidden from officers and mentors', async () => {
    const { bureau, as, training } = await setup();
    await bureau.call('POST', '/trainings', training());
    for (const role of ['teacher', 'evaluator'] as const) {
      const api = await as(role);
      expect((await api.call('GET', '/trainings')).body.items).toHaveLength(1);
      expect((await api.call('POST', '/trainings', training())).status).toBe(403);
    }
    for (const role of ['department_officer', 'enterprise_mentor'] as const) expect((await (await as(role, null)).call('GET', '/trainings')).status).toBe(403);
  });

  it('are not found from another tenant', async () => {
    const { bureau, training } = await setup();
    const created = (await bureau.call('POST', '/trainings', training())).body;
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/trainings/${created.id}`)).status).toBe(404);
  });
});
