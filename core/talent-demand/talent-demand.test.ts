// Talent demand over the API: an enterprise mentor posts for its own enterprise only, schools
// read, and the supply of expected graduates per major code sits next to the open demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../users/schema.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { studentIdColumns } from '../students/student-pii.ts';
import { testPii } from '../../test/support/test-pii.ts';
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
let idSeq = 100_000;
const setup = async () => {
  const tenant = await makeTenant(tdb.handle.db);
  const school = await makeOrganization(tdb.handle.db, tenant, 'school', '第一职业学校');
  const enterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '某智能制造公司');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  const post = (extra: Record<string, unknown> = {}) => ({ enterpriseId: enterprise.id, position: '数控操作工', majorCodes: ['460103'], headcount: 10, periodStart: '2026-03-01', periodEnd: '2026-08-31', ...extra });
  return { tenant, school, enterprise, bureau, as, post };
};

/** Students of one major expected to graduate in `year`. */
async function graduates(tenant: Tenant, schoolId: string, code: string, year: number, count: number) {
  await withTenant(tdb.handle.db, tenant.id, async (tx) => {
    const major = (await tx.selectFrom('majors').select('id').where('school_id', '=', schoolId).where('code', '=', code).executeTakeFirst())
      ?? (await tx.insertInto('majors').values({ tenant_id: tenant.id, school_id: schoolId, code, name: `专业${code}` }).returning('id').executeTakeFirstOrThrow());
    for (let i = 0; i < count; i++)
      await tx.insertInto('students').values({ tenant_id: tenant.id, school_id: schoolId, name: '学生', gender: 'female', ...studentIdColumns(testPii, tenant.id, `11010120050101${String(idSeq++).slice(-4)}`), major_id: major.id, expected_graduation_year: year }).execute();
  });
}

describe('talent demand posts', () => {
  it('record who posted them, from the session, whatever the body says', async () => {
    const { enterprise, as, post } = await setup();
    const mentor = await as('enterprise_mentor', enterprise.id);
    const res = await mentor.call('POST', '/talent-demand-posts', { ...post(), postedBy: '00000000-0000-0000-0000-000000000000' });
    expect(res.status).toBe(201);
    expect(res.body.postedBy).toBe(mentor.userId);
  });


  it('are posted by an enterprise mentor for its own enterprise, and for no other (403)', async () => {
    const { tenant, enterprise, as, post } = await setup();
    const mentor = await as('enterprise_mentor', enterprise.id);
    const res = await mentor.call('POST', '/talent-demand-posts', post({ majorCodes: ['460103', '460103', '460104'] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ majorCodes: ['460103', '460104'], headcount: 10, status: 'open', version: 1 });
    const other = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '别家公司');
    expect((await mentor.call('POST', '/talent-demand-posts', post({ enterpriseId: other.id }))).status).toBe(403);
  });

  it("hide other enterprises' posts from a mentor", async () => {
    const { tenant, enterprise, bureau, as, post } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '别家公司');
    const theirs = (await bureau.call('POST', '/talent-demand-posts', post({ enterpriseId: other.id }))).body;
    await bureau.call('POST', '/talent-demand-posts', post());
    const mentor = await as('enterprise_mentor', enterprise.id);
    expect((await mentor.call('GET', '/talent-demand-posts')).body.items).toHaveLength(1);
    expect((await mentor.call('GET', `/talent-demand-posts/${theirs.id}`)).status).toBe(404);
  });

  it('accept a headcount of 1 and a period ending on its start; refuse 0 and an end a day before', async () => {
    const { bureau, post } = await setup();
    expect((await bureau.call('POST', '/talent-demand-posts', post({ headcount: 1, periodEnd: '2026-03-01' }))).status).toBe(201);
    expect(paths((await bureau.call('POST', '/talent-demand-posts', post({ headcount: 0 }))).body)).toEqual(['headcount']);
    expect(paths((await bureau.call('POST', '/talent-demand-posts', post({ periodEnd: '2026-02-28' }))).body)).toEqual(['periodEnd']);
  });

  it('name every bad field, including a major code off the catalogue pattern', async () => {
    const { school, bureau, post } = await setup();
    const res = await bureau.call('POST', '/talent-demand-posts', post({ position: '', majorCodes: ['46-01'], periodStart: 'spring', status: 'maybe' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['majorCodes.0', 'periodStart', 'position', 'status']);
    expect(paths((await bureau.call('POST', '/talent-demand-posts', post({ enterpriseId: school.id }))).body)).toEqual(['enterpriseId']);
  });

  it('are filtered by major code', async () => {
    const { bureau, post } = await setup();
    await bureau.call('POST', '/talent-demand-posts', post({ position: '电工', majorCodes: ['460301'] }));
    await bureau.call('POST', '/talent-demand-posts', post());
    expect((await bureau.call('GET', '/talent-demand-posts?majorCode=460301')).body.items.map((p: { position: string }) => p.position)).toEqual(['电工']);
  });

  it('are updated with a version; a stale one gets 409; each write is audited', async () => {
    const { tenant, bureau, post } = await setup();
    const created = (await bureau.call('POST', '/talent-demand-posts', post())).body;
    expect((await bureau.call('PATCH', `/talent-demand-posts/${created.id}`, { status: 'filled', version: 1 })).body).toMatchObject({ status: 'filled', version: 2 });
    expect((await bureau.call('PATCH', `/talent-demand-posts/${created.id}`, { status: 'closed', version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'talent_demand_post').where('entity_id', '=', created.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('are read but not written by school roles and evaluators; department officers see none', async () => {
    const { school, bureau, as, post } = await setup();
    await bureau.call('POST', '/talent-demand-posts', post());
    for (const role of ['school_admin', 'teacher', 'evaluator'] as const) {
      const api = await as(role, role === 'evaluator' ? null : school.id);
      expect((await api.call('GET', '/talent-demand-posts')).body.items).toHaveLength(1);
      expect((await api.call('POST', '/talent-demand-posts', post())).status).toBe(403);
    }
    expect((await (await as('department_officer', null)).call('GET', '/talent-demand-posts')).status).toBe(403);
  });

  it('are not found from another tenant', async () => {
    const { bureau, post } = await setup();
    const created = (await bureau.call('POST', '/talent-demand-posts', post())).body;
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/talent-demand-posts/${created.id}`)).status).toBe(404);
  });
});

describe('talent supply', () => {
  it('puts the graduates of the year next to the open demand, one row per major code', async () => {
    const { tenant, school, bureau, post } = await setup();
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    await graduates(tenant, school.id, '460103', 2026, 3);
    await graduates(tenant, otherSchool.id, '460103', 2026, 2);
    await graduates(tenant, school.id, '460301', 2027, 4);
    await bureau.call('POST', '/talent-demand-posts', post({ majorCodes: ['460103', '510201'], headcount: 6 }));
    await bureau.call('POST', '/talent-demand-posts', post({ majorCodes: ['460103'], headcount: 4 }));
    await bureau.call('POST', '/talent-demand-posts', post({ majorCodes: ['460103'], headcount: 50, status: 'closed' }));
    await bureau.call('POST', '/talent-demand-posts', post({ majorCodes: ['460103'], headcount: 70, periodStart: '2025-01-01', periodEnd: '2025-12-31' }));
    const res = await bureau.call('GET', '/talent-supply?year=2026');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ year: 2026, items: [{ majorCode: '460103', supply: 5, demand: 10 }, { majorCode: '510201', supply: 0, demand: 6 }] });
  });

  it('counts a demand whose period ends on the first day of the year', async () => {
    const { bureau, post } = await setup();
    await bureau.call('POST', '/talent-demand-posts', post({ periodStart: '2025-06-01', periodEnd: '2026-01-01' }));
    expect((await bureau.call('GET', '/talent-supply?year=2026')).body.items).toEqual([{ majorCode: '460103', supply: 0, demand: 10 }]);
    expect((await bureau.call('GET', '/talent-supply?year=2027')).body.items).toEqual([]);
  });

  it("counts only its own school's graduates for a school admin", async () => {
    const { tenant, school, as } = await setup();
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    await graduates(tenant, school.id, '460103', 2026, 3);
    await graduates(tenant, otherSchool.id, '460103', 2026, 2);
    expect((await (await as('school_admin', school.id)).call('GET', '/talent-supply?year=2026')).body.items).toEqual([{ majorCode: '460103', supply: 3, demand: 0 }]);
  });

  it('needs a year and is refused to department officers', async () => {
    const { bureau, as } = await setup();
    const res = await bureau.call('GET', '/talent-supply');
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['year']);
    expect((await (await as('department_officer', null)).call('GET', '/talent-supply?year=2026')).status).toBe(403);
  });
});
