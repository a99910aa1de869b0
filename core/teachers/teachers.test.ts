// Teachers and their enterprise practice over the API: validation, who may write what (a
// teacher only its own practice), audit, concurrency, the tenant wall, and the five-year summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../users/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { fiveYearWindow } from './practice-days.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

let seq = 0;
const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();
const setup = async () => {
  const tenant = await makeTenant(tdb.handle.db);
  const school = await makeOrganization(tdb.handle.db, tenant, 'school', '第一职业学校');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = school.id) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const teacher = async (extra: Record<string, unknown> = {}): Promise<any> =>
    (await bureau.call('POST', '/teachers', { schoolId: school.id, teacherNumber: `T${seq++}`, name: '张老师', ...extra })).body;
  const period = (teacherId: string, extra: Record<string, unknown> = {}) => ({ teacherId, enterpriseName: '某机械公司', startOn: '2025-07-01', endOn: '2025-08-31', ...extra });
  return { tenant, school, bureau, as, teacher, period };
};

describe('teachers', () => {
  it('are created with their 双师型 status and qualification, numbers returned as numbers', async () => {
    const { school, bureau } = await setup();
    const res = await bureau.call('POST', '/teachers', {
      schoolId: school.id, teacherNumber: 'T-001', name: '李老师', hireDate: '2015-09-01', subject: '数控技术',
      dualQualified: true, dualQualifiedOn: '2020-06-30', priorEnterpriseYears: 3.5, qualificationLevel: 'technician',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ teacherNumber: 'T-001', isProfessional: true, dualQualifiedOn: '2020-06-30', priorEnterpriseYears: 3.5, version: 1 });
  });

  it('name every bad field at once', async () => {
    const { bureau } = await setup();
    const res = await bureau.call('POST', '/teachers', { schoolId: 'x', teacherNumber: '', name: '王', hireDate: '2015-02-30', qualificationLevel: 'master', priorEnterpriseYears: 1.25 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['hireDate', 'priorEnterpriseYears', 'qualificationLevel', 'schoolId', 'teacherNumber']);
  });

  it('refuse a 双师型 date without the status, in both languages', async () => {
    const { tenant, school } = await setup();
    const en = await apiClient(app, tdb.handle.db, tenant, { lang: 'en' });
    const res = await en.call('POST', '/teachers', { schoolId: school.id, teacherNumber: 'T-9', name: '赵', dualQualifiedOn: '2020-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'dualQualifiedOn', message: expect.stringMatching(/dual-qualified/) })]);
  });

  it('link only a teacher account of the same school', async () => {
    const { tenant, school, as, teacher } = await setup();
    const own = await as('teacher');
    expect((await teacher({ userId: own.userId })).userId).toBe(own.userId);
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '另一所学校');
    for (const user of [await as('teacher', otherSchool.id), await as('school_admin')]) {
      const res = await (await as('bureau_admin', null)).call('POST', '/teachers', { schoolId: school.id, teacherNumber: `T${seq++}`, name: '钱', userId: user.userId });
      expect(res.status).toBe(422);
      expect(paths(res.body)).toEqual(['userId']);
    }
  });

  it('refuse a teacher number already used in the tenant with 409', async () => {
    const { bureau, teacher } = await setup();
    const first = await teacher();
    const res = await bureau.call('POST', '/teachers', { schoolId: first.schoolId, teacherNumber: first.teacherNumber, name: '同号' });
    expect(res.status).toBe(409);
  });

  it('are updated with a version: a stale one is refused with 409', async () => {
    const { bureau, teacher } = await setup();
    const t = await teacher();
    expect((await bureau.call('PATCH', `/teachers/${t.id}`, { subject: '机电', version: 1 })).body).toMatchObject({ subject: '机电', version: 2 });
    expect((await bureau.call('PATCH', `/teachers/${t.id}`, { subject: '电工', version: 1 })).status).toBe(409);
  });

  it('are filtered by 双师型 status and school', async () => {
    const { bureau, school, teacher } = await setup();
    await teacher({ dualQualified: true, name: '双师' });
    await teacher({ name: '普通' });
    const res = await bureau.call('GET', `/teachers?dualQualified=true&schoolId=${school.id}`);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(['双师']);
  });

  it('leave an audit row for each write', async () => {
    const { tenant, bureau, teacher } = await setup();
    const t = await teacher();
    const rows = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').selectAll().where('entity', '=', 'teacher').where('entity_id', '=', t.id).execute());
    expect(rows).toEqual([expect.objectContaining({ action: 'create', actor_user_id: bureau.userId })]);
  });

  it("are managed by a school admin for its own school only; another school's are not found", async () => {
    const { tenant, as, teacher } = await setup();
    const admin = await as('school_admin');
    expect((await admin.call('POST', '/teachers', { schoolId: admin.organizationId, teacherNumber: `T${seq++}`, name: '孙' })).status).toBe(201);
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '别校');
    expect((await admin.call('POST', '/teachers', { schoolId: otherSchool.id, teacherNumber: `T${seq++}`, name: '周' })).status).toBe(403);
    const foreign = await teacher({ schoolId: otherSchool.id });
    expect((await admin.call('GET', `/teachers/${foreign.id}`)).status).toBe(404);
  });

  it('are read but not written by teachers and evaluators; department officers see none', async () => {
    const { as, teacher } = await setup();
    const t = await teacher();
    for (const role of ['teacher', 'evaluator'] as const) {
      const api = await as(role);
      expect((await api.call('GET', `/teachers/${t.id}`)).status).toBe(200);
      expect((await api.call('PATCH', `/teachers/${t.id}`, { name: '改', version: 1 })).status).toBe(403);
    }
    expect((await (await as('department_officer')).call('GET', '/teachers')).status).toBe(403);
  });

  it("are not found from another tenant", async () => {
    const { teacher } = await setup();
    const t = await teacher();
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/teachers/${t.id}`)).status).toBe(404);
    expect((await stranger.call('PATCH', `/teachers/${t.id}`, { name: '改', version: 1 })).status).toBe(404);
  });
});

describe('teacher practice periods', () => {
  it('accept an end date equal to the start and refuse one a day before', async () => {
    const { bureau, teacher, period } = await setup();
    const t = await teacher();
    expect((await bureau.call('POST', '/teacher-practice-periods', period(t.id, { startOn: '2025-07-01', endOn: '2025-07-01' }))).status).toBe(201);
    const res = await bureau.call('POST', '/teacher-practice-periods', period(t.id, { startOn: '2025-07-01', endOn: '2025-06-30' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['endOn']);
  });

  it('name every bad field, including an enterprise that is no enterprise', async () => {
    const { school, bureau, teacher, period } = await setup();
    const t = await teacher();
    const res = await bureau.call('POST', '/teacher-practice-periods', period(t.id, { enterpriseId: school.id, enterpriseName: '', startOn: '2025-13-01', enterpriseRating: 'great' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['enterpriseName', 'enterpriseRating', 'startOn']);
    const wrongKind = await bureau.call('POST', '/teacher-practice-periods', period(t.id, { enterpriseId: school.id }));
    expect(paths(wrongKind.body)).toEqual(['enterpriseId']);
  });

  it("let a teacher record and change its own periods but not a colleague's", async () => {
    const { bureau, as, teacher, period } = await setup();
    const me = await as('teacher');
    const mine = await teacher({ userId: me.userId });
    const colleague = await teacher();
    const created = await me.call('POST', '/teacher-practice-periods', period(mine.id, { content: '生产线实践' }));
    expect(created.status).toBe(201);
    expect((await me.call('PATCH', `/teacher-practice-periods/${created.body.id}`, { schoolOpinion: '同意', version: 1 })).status).toBe(200);
    expect((await me.call('POST', '/teacher-practice-periods', period(colleague.id))).status).toBe(403);
    const theirs = (await bureau.call('POST', '/teacher-practice-periods', period(colleague.id))).body;
    expect((await me.call('GET', `/teacher-practice-periods/${theirs.id}`)).status).toBe(200);
    expect((await me.call('PATCH', `/teacher-practice-periods/${theirs.id}`, { content: '改', version: 1 })).status).toBe(403);
    expect((await me.call('PATCH', `/teacher-practice-periods/${created.body.id}`, { teacherId: colleague.id, version: 2 })).status).toBe(403);
  });

  it("hide another school's periods from a school admin, and refuse its teachers as a reference", async () => {
    const { tenant, bureau, as, teacher, period } = await setup();
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '别校');
    const foreign = await teacher({ schoolId: otherSchool.id });
    const row = (await bureau.call('POST', '/teacher-practice-periods', period(foreign.id))).body;
    const admin = await as('school_admin');
    expect((await admin.call('GET', `/teacher-practice-periods/${row.id}`)).status).toBe(404);
    expect((await admin.call('GET', '/teacher-practice-periods')).body.items).toEqual([]);
    const res = await admin.call('POST', '/teacher-practice-periods', period(foreign.id));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['teacherId']);
  });

  it('are audited, versioned and walled off from other tenants', async () => {
    const { tenant, bureau, teacher, period } = await setup();
    const row = (await bureau.call('POST', '/teacher-practice-periods', period((await teacher()).id))).body;
    expect((await bureau.call('PATCH', `/teacher-practice-periods/${row.id}`, { enterpriseRating: 'good', version: 1 })).status).toBe(200);
    expect((await bureau.call('PATCH', `/teacher-practice-periods/${row.id}`, { enterpriseRating: 'pass', version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity_id', '=', row.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/teacher-practice-periods/${row.id}`)).status).toBe(404);
  });

  it('are listed by teacher', async () => {
    const { bureau, teacher, period } = await setup();
    const a = await teacher();
    const b = await teacher();
    await bureau.call('POST', '/teacher-practice-periods', period(a.id));
    await bureau.call('POST', '/teacher-practice-periods', period(b.id));
    const res = await bureau.call('GET', `/teacher-practice-periods?teacherId=${a.id}`);
    expect(res.body.items.map((p: { teacherId: string }) => p.teacherId)).toEqual([a.id]);
  });
});

describe('the five-year practice summary', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const summary = async (periods: [string, string][], at?: string): Promise<any> => {
    const { bureau, teacher, period } = await setup();
    const t = await teacher();
    for (const [startOn, endOn] of periods) await bureau.call('POST', '/teacher-practice-periods', period(t.id, { startOn, endOn }));
    const res = await bureau.call('GET', `/teachers/${t.id}/practice-summary${at ? `?at=${at}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('counts days covered by overlapping periods once', async () => {
    expect((await summary([['2025-07-01', '2025-07-10'], ['2025-07-06', '2025-07-15'], ['2025-07-15', '2025-07-15']], '2026-01-01')).days).toBe(15);
  });

  it('ends the window on today in the tenant time zone when no date is given', async () => {
    expect(await summary([])).toMatchObject({ at: '2026-03-01', windowStart: '2021-03-02', windowEnd: '2026-03-01', days: 0 });
  });

  it('holds exactly five years: the day five years before the end is outside, the day after it inside', async () => {
    expect((await summary([['2021-02-20', '2021-03-01']], '2026-03-01')).days).toBe(0);
    expect((await summary([['2021-02-20', '2021-03-02']], '2026-03-01')).days).toBe(1);
  });

  it('counts no day after the end of the window', async () => {
    expect((await summary([['2026-02-28', '2026-03-10']], '2026-03-01')).days).toBe(2);
  });

  it('falls back from 29 February to 28 February five years earlier', () => {
    expect(fiveYearWindow('2024-02-29')).toEqual({ start: '2019-03-01', end: '2024-02-29' });
  });

  it("is not found for a teacher of another school or another tenant", async () => {
    const { tenant, as, teacher } = await setup();
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '别校');
    const foreign = await teacher({ schoolId: otherSchool.id });
    expect((await (await as('school_admin')).call('GET', `/teachers/${foreign.id}/practice-summary`)).status).toBe(404);
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/teachers/${foreign.id}/practice-summary`)).status).toBe(404);
  });
});
