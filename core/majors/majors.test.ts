// Industry chains, major clusters, majors and their yearly figures over the API: validation,
// who may read and write what, optimistic concurrency, audit rows and the tenant wall.
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

/** A tenant with one school, the bureau's client, and a client of `role` at that school. */
const setup = async (role: Role = 'bureau_admin') => {
  const tenant = await makeTenant(tdb.handle.db);
  const school = await makeOrganization(tdb.handle.db, tenant, 'school', '第一职业学校');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const api = role === 'bureau_admin' ? bureau : await apiClient(app, tdb.handle.db, tenant, { role, organizationId: school.id });
  const major = async (extra: Record<string, unknown> = {}) =>
    (await bureau.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机械制造及自动化', ...extra })).body as { id: string; schoolId: string };
  return { tenant, school, bureau, api, major };
};
const auditRows = (tenantId: string, entity: string) =>
  withTenant(tdb.handle.db, tenantId, (tx) => tx.selectFrom('audit_log').selectAll().where('entity', '=', entity).orderBy('id').execute());

describe('industry chains', () => {
  it('are recorded by the bureau with GB/T 4754 codes, upper-cased and each once', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/industry-chains', { name: '"345"产业体系·纺织服装', industryCodes: ['c17', 'C18', 'C17'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ industryCodes: ['C17', 'C18'], version: 1 });
  });

  it('name the bad code by its position', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/industry-chains', { name: '百亿产业', industryCodes: ['C36', 'Z99'] });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['industryCodes.1']);
  });

  it('filter by a code the chain links', async () => {
    const { api } = await setup();
    await api.call('POST', '/industry-chains', { name: '装备制造', industryCodes: ['C34', 'C35'] });
    await api.call('POST', '/industry-chains', { name: '现代农业', industryCodes: ['A01'] });
    const res = await api.call('GET', '/industry-chains?industryCode=c35');
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['装备制造']);
  });

  it('are read by schools but written by the bureau only', async () => {
    const { bureau, api } = await setup('school_admin');
    await bureau.call('POST', '/industry-chains', { name: '新能源', industryCodes: ['D44'] });
    expect((await api.call('GET', '/industry-chains')).body.items).toHaveLength(1);
    expect((await api.call('POST', '/industry-chains', { name: '学校自定' })).status).toBe(403);
  });

  it('are hidden from department officers and enterprise mentors', async () => {
    for (const role of ['department_officer', 'enterprise_mentor'] as const) {
      const tenant = await makeTenant(tdb.handle.db);
      const api = await apiClient(app, tdb.handle.db, tenant, { role });
      expect((await api.call('GET', '/industry-chains')).status).toBe(403);
    }
  });
});

describe('creating a major', () => {
  it('stores it for a school with version 1 and writes an audit row', async () => {
    const { tenant, api, school } = await setup();
    const res = await api.call('POST', '/majors', { schoolId: school.id, code: '5201a', name: '护理', openedOn: '2019-09-01', isIntegration: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schoolId: school.id, code: '5201A', openedOn: '2019-09-01', closedOn: null, isIntegration: true, version: 1 });
    const rows = await auditRows(tenant.id, 'major');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', entity_id: res.body.id, actor_user_id: api.userId });
    expect(rows[0]!.changes).toMatchObject({ code: { before: null, after: '5201A' } });
  });

  it('names every bad field at once', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/majors', { schoolId: 'nope', code: '12', name: '', closedOn: '2024-02-30', isIntegration: 'yes' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['closedOn', 'code', 'isIntegration', 'name', 'schoolId']);
  });

  it('explains a bad major code in English too', async () => {
    const { tenant, school } = await setup();
    const en = await apiClient(app, tdb.handle.db, tenant, { lang: 'en' });
    const res = await en.call('POST', '/majors', { schoolId: school.id, code: 'ABC', name: '护理' });
    expect(res.body.issues[0].message).toMatch(/major code/);
  });

  it('refuses a school id that is an enterprise or no organization at all', async () => {
    const { tenant, api } = await setup();
    const enterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '某企业');
    const wrongKind = await api.call('POST', '/majors', { schoolId: enterprise.id, code: '460104', name: '机电' });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.issues).toEqual([expect.objectContaining({ path: 'schoolId', code: 'wrong_kind' })]);
    const missing = await api.call('POST', '/majors', { schoolId: '00000000-0000-4000-8000-000000000000', code: '460104', name: '机电' });
    expect(missing.body.issues).toEqual([expect.objectContaining({ path: 'schoolId', code: 'reference' })]);
  });

  it('refuses a cluster of another school, naming clusterId', async () => {
    const { tenant, api, school } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const cluster = (await api.call('POST', '/major-clusters', { schoolId: other.id, name: '智能制造专业群' })).body;
    const res = await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电', clusterId: cluster.id });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'clusterId', message: expect.stringContaining('另一所学校') })]);
    const own = (await api.call('POST', '/major-clusters', { schoolId: school.id, name: '智能制造专业群' })).body;
    expect((await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电', clusterId: own.id })).status).toBe(201);
  });

  it('accepts a major closed on the day it opened', async () => {
    const { api, school } = await setup();
    const res = await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电', openedOn: '2020-09-01', closedOn: '2020-09-01' });
    expect(res.status).toBe(201);
  });

  it('refuses a major closed one day before it opened', async () => {
    const { api, school } = await setup();
    const res = await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电', openedOn: '2020-09-01', closedOn: '2020-08-31' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['closedOn']);
  });

  it('refuses the same code twice in one school with 409', async () => {
    const { api, school, major } = await setup();
    await major();
    expect((await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '重复' })).status).toBe(409);
  });
});

describe('updating a major', () => {
  it('checks a new closing date against the stored opening date', async () => {
    const { api, major } = await setup();
    const m = await major({ openedOn: '2020-09-01' });
    const res = await api.call('PATCH', `/majors/${m.id}`, { closedOn: '2020-08-31', version: 1 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['closedOn']);
  });

  it('bumps the version and audits the change', async () => {
    const { tenant, api, major } = await setup();
    const m = await major();
    const res = await api.call('PATCH', `/majors/${m.id}`, { closedOn: '2026-07-01', version: 1 });
    expect(res.body).toMatchObject({ closedOn: '2026-07-01', version: 2 });
    const update = (await auditRows(tenant.id, 'major')).find((r) => r.action === 'update');
    expect(update!.changes).toMatchObject({ closedOn: { before: null, after: '2026-07-01' } });
  });

  it('refuses a stale version with 409 and keeps the first change', async () => {
    const { api, major } = await setup();
    const m = await major();
    await api.call('PATCH', `/majors/${m.id}`, { name: '第一次', version: 1 });
    expect((await api.call('PATCH', `/majors/${m.id}`, { name: '第二次', version: 1 })).status).toBe(409);
    expect((await api.call('GET', `/majors/${m.id}`)).body.name).toBe('第一次');
  });
});

describe('listing majors', () => {
  it('filters by school and by the integration flag', async () => {
    const { tenant, api, school, major } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    await major({ code: '460104', isIntegration: true });
    await major({ code: '460105' });
    await major({ schoolId: other.id, code: '460106', isIntegration: true });
    const ofSchool = await api.call('GET', `/majors?schoolId=${school.id}&sort=code`);
    expect(ofSchool.body.items.map((m: { code: string }) => m.code)).toEqual(['460104', '460105']);
    const integration = await api.call('GET', '/majors?isIntegration=true&sort=code');
    expect(integration.body.items.map((m: { code: string }) => m.code)).toEqual(['460104', '460106']);
  });
});

describe('who may see and write majors', () => {
  it("lets a school admin write its own school's majors but not another's", async () => {
    const { tenant, api, school } = await setup('school_admin');
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    expect((await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电' })).status).toBe(201);
    expect((await api.call('POST', '/majors', { schoolId: other.id, code: '460104', name: '机电' })).status).toBe(403);
  });

  it("shows a school admin only its own school's majors, and 404 for another's", async () => {
    const { tenant, api, major } = await setup('school_admin');
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const mine = await major();
    const theirs = await major({ schoolId: other.id });
    expect((await api.call('GET', '/majors')).body.items.map((m: { id: string }) => m.id)).toEqual([mine.id]);
    expect((await api.call('GET', `/majors/${theirs.id}`)).status).toBe(404);
    expect((await api.call('PATCH', `/majors/${theirs.id}`, { name: 'x', version: 1 })).status).toBe(404);
  });

  it("lets a teacher read its school's majors but answers 403 to a change", async () => {
    const { api, major } = await setup('teacher');
    const m = await major();
    expect((await api.call('GET', `/majors/${m.id}`)).status).toBe(200);
    expect((await api.call('PATCH', `/majors/${m.id}`, { name: 'x', version: 1 })).status).toBe(403);
  });

  it('lets the evaluator read everything and write nothing', async () => {
    const { api, major, school } = await setup('evaluator');
    await major();
    expect((await api.call('GET', '/majors')).body.items).toHaveLength(1);
    expect((await api.call('POST', '/majors', { schoolId: school.id, code: '460105', name: '机电' })).status).toBe(403);
  });

  it('hides majors from enterprise mentors and department officers', async () => {
    for (const role of ['enterprise_mentor', 'department_officer'] as const) {
      const { api, major } = await setup(role);
      const m = await major();
      expect((await api.call('GET', `/majors/${m.id}`)).status).toBe(404);
    }
  });

  it("answers 404 for another tenant's major and cluster", async () => {
    const { api } = await setup();
    const other = await setup();
    const m = await other.major();
    const cluster = (await other.api.call('POST', '/major-clusters', { schoolId: other.school.id, name: '群' })).body;
    expect((await api.call('GET', `/majors/${m.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `/majors/${m.id}?version=1`)).status).toBe(404);
    expect((await api.call('GET', `/major-clusters/${cluster.id}`)).status).toBe(404);
    expect((await api.call('GET', `/majors/${m.id}/stats`)).status).toBe(404);
  });
});

describe("a major's yearly figures", () => {
  it('are recorded per year (201), replaced on a second PUT (200) and listed oldest first', async () => {
    const { api, major } = await setup();
    const m = await major();
    expect((await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 120, graduates: 95, employmentRate: 96.5 })).status).toBe(201);
    expect((await api.call('PUT', `/majors/${m.id}/stats/2024`, { enrolment: 110 })).status).toBe(201);
    const replaced = await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 121, graduates: 95, employmentRate: 97 });
    expect(replaced.status).toBe(200);
    const list = await api.call('GET', `/majors/${m.id}/stats`);
    expect(list.body.items).toEqual([
      { year: 2024, enrolment: 110, graduates: null, employmentRate: null },
      { year: 2025, enrolment: 121, graduates: 95, employmentRate: 97 },
    ]);
  });

  it('accept an employment rate of exactly 0 and 100', async () => {
    const { api, major } = await setup();
    const m = await major();
    expect((await api.call('PUT', `/majors/${m.id}/stats/2024`, { enrolment: 1, employmentRate: 0 })).status).toBe(201);
    expect((await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 1, employmentRate: 100 })).status).toBe(201);
  });

  it('refuse an employment rate above 100 or below 0, and a negative enrolment, naming each field', async () => {
    const { api, major } = await setup();
    const m = await major();
    const above = await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: -1, employmentRate: 100.01 });
    expect(above.status).toBe(422);
    expect(paths(above.body)).toEqual(['employmentRate', 'enrolment']);
    const below = await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 1, employmentRate: -0.01 });
    expect(paths(below.body)).toEqual(['employmentRate']);
  });

  it('refuse a year outside 1990–2100', async () => {
    const { api, major } = await setup();
    const m = await major();
    const res = await api.call('PUT', `/majors/${m.id}/stats/1989`, { enrolment: 1 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['year']);
  });

  it('are audited on create, update and delete', async () => {
    const { tenant, api, major } = await setup();
    const m = await major();
    await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 100 });
    await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 101 });
    expect((await api.call('DELETE', `/majors/${m.id}/stats/2025`)).status).toBe(204);
    const rows = await auditRows(tenant.id, 'major_yearly_stat');
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['create', `${m.id}/2025`],
      ['update', `${m.id}/2025`],
      ['delete', `${m.id}/2025`],
    ]);
    expect(rows[1]!.changes).toEqual({ enrolment: { before: 100, after: 101 } });
  });

  it('are read by a teacher of the school, who may not change them (403)', async () => {
    const { api, major } = await setup('teacher');
    const m = await major();
    expect((await api.call('GET', `/majors/${m.id}/stats`)).status).toBe(200);
    expect((await api.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 1 })).status).toBe(403);
  });

  it('are invisible to a school admin of another school (404)', async () => {
    const { tenant, major } = await setup();
    const m = await major();
    const stranger = await apiClient(app, tdb.handle.db, tenant, { role: 'school_admin' });
    expect((await stranger.call('GET', `/majors/${m.id}/stats`)).status).toBe(404);
    expect((await stranger.call('PUT', `/majors/${m.id}/stats/2025`, { enrolment: 1 })).status).toBe(404);
  });
});
