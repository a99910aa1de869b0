// Funding records over the API: contributions by party returned as numbers, two decimals at
// most, a school admin keeping only its school's records, read-only roles, audit, concurrency.
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
  const enterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '某新能源公司');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = school.id) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  const record = (extra: Record<string, unknown> = {}) => ({ project: '共建新能源实训中心', year: 2025, schoolId: school.id, enterpriseId: enterprise.id, instituteAmount: 120000.5, governmentAmount: 300000, enterpriseAmount: 450000.25, investmentAmount: 870000.75, ...extra });
  return { tenant, school, enterprise, bureau, as, record };
};

describe('funding records', () => {
  it('return every amount as a number', async () => {
    const { bureau, record } = await setup();
    const res = await bureau.call('POST', '/funding-records', record());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ instituteAmount: 120000.5, governmentAmount: 300000, enterpriseAmount: 450000.25, investmentAmount: 870000.75, year: 2025 });
    expect((await bureau.call('GET', `/funding-records/${res.body.id}`)).body.enterpriseAmount).toBe(450000.25);
  });

  it('name every bad field: a third decimal, a negative amount, a year out of range, a school that is an enterprise', async () => {
    const { enterprise, bureau, record } = await setup();
    const res = await bureau.call('POST', '/funding-records', record({ project: '', year: 1989, instituteAmount: 0.001, governmentAmount: -1 }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['governmentAmount', 'instituteAmount', 'project', 'year']);
    expect(paths((await bureau.call('POST', '/funding-records', record({ schoolId: enterprise.id }))).body)).toEqual(['schoolId']);
  });

  it('are filtered by year', async () => {
    const { bureau, record } = await setup();
    await bureau.call('POST', '/funding-records', record({ year: 2024, project: '旧项目' }));
    await bureau.call('POST', '/funding-records', record());
    expect((await bureau.call('GET', '/funding-records?year=2024')).body.items.map((r: { project: string }) => r.project)).toEqual(['旧项目']);
  });

  it('are updated with a version; a stale one gets 409; each write is audited', async () => {
    const { tenant, bureau, record } = await setup();
    const created = (await bureau.call('POST', '/funding-records', record())).body;
    expect((await bureau.call('PATCH', `/funding-records/${created.id}`, { governmentAmount: 310000.1, version: 1 })).body).toMatchObject({ governmentAmount: 310000.1, version: 2 });
    expect((await bureau.call('PATCH', `/funding-records/${created.id}`, { governmentAmount: 1, version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'funding_record').where('entity_id', '=', created.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it("are kept by a school admin for its own school's records, the school filled in when left out", async () => {
    const { tenant, school, bureau, as, record } = await setup();
    const admin = await as('school_admin');
    const { schoolId: _omitted, ...withoutSchool } = record();
    expect((await admin.call('POST', '/funding-records', withoutSchool)).body.schoolId).toBe(school.id);
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '别校');
    expect((await admin.call('POST', '/funding-records', record({ schoolId: otherSchool.id }))).status).toBe(403);
    const theirs = (await bureau.call('POST', '/funding-records', record({ schoolId: otherSchool.id }))).body;
    expect((await admin.call('PATCH', `/funding-records/${theirs.id}`, { note: '改', version: 1 })).status).toBe(403);
  });

  it('are read but not written by teachers and evaluators, and hidden from officers and mentors', async () => {
    const { bureau, as, record } = await setup();
    await bureau.call('POST', '/funding-records', record());
    for (const role of ['teacher', 'evaluator'] as const) {
      const api = await as(role);
      expect((await api.call('GET', '/funding-records')).body.items).toHaveLength(1);
      expect((await api.call('POST', '/funding-records', record())).status).toBe(403);
    }
    for (const role of ['department_officer', 'enterprise_mentor'] as const) expect((await (await as(role, null)).call('GET', '/funding-records')).status).toBe(403);
  });

  it('are not found from another tenant', async () => {
    const { bureau, record } = await setup();
    const created = (await bureau.call('POST', '/funding-records', record())).body;
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/funding-records/${created.id}`)).status).toBe(404);
  });
});
