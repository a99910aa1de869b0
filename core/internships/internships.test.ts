// Internships over the API: placement checks, the computed `insured` flag, scopes through the
// student's school, the enterprise mentor's own interns, weekly logs and the two-sided evaluation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Role } from '../users/schema.ts';
import { apiClient, type ApiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { makeInternship, makeStudent, makeTeacher } from '../students/test-fixtures.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());

const db = () => tdb.handle.db;
const as = (tenant: Tenant, role: Role, organizationId?: string) => apiClient(app, db(), tenant, { role, organizationId: organizationId ?? null });
const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();

/** One school with an admin and a mentoring teacher, one enterprise with a mentor, one student. */
async function stage() {
  const tenant = await makeTenant(db());
  const school = await makeOrganization(db(), tenant, 'school', '第一职业学校');
  const enterprise = await makeOrganization(db(), tenant, 'enterprise', '实习企业');
  const admin = await as(tenant, 'school_admin', school.id);
  const teacher = await as(tenant, 'teacher', school.id);
  const mentor = await as(tenant, 'enterprise_mentor', enterprise.id);
  const schoolMentor = await makeTeacher(db(), tenant, school.id, teacher.userId);
  const student = await makeStudent(db(), tenant, school.id);
  const input = (extra: Record<string, unknown> = {}) => ({
    studentId: student.id,
    kind: 'post',
    enterpriseId: enterprise.id,
    position: '装配工',
    startOn: '2026-03-02',
    endOn: '2026-06-26',
    schoolMentorId: schoolMentor.id,
    enterpriseMentorUserId: mentor.userId,
    enterpriseMentorName: '李师傅',
    monthlyPay: 2500.5,
    ...extra,
  });
  /** An internship assigned to `mentor`, with `teacher` as its school mentor. */
  const placed = () => makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id, school_mentor_id: schoolMentor.id, enterprise_mentor_user_id: mentor.userId });
  return { tenant, school, enterprise, admin, teacher, mentor, student, schoolMentor, input, placed };
}

const cover = { insurer: '中国人保', policyNumber: 'PICC-2026-001', liabilityInsurance: true, accidentInsurance: true, insuranceStart: '2026-03-02', insuranceEnd: '2026-06-26' };

describe('placing an intern', () => {
  it('stores the internship for a school admin and returns pay as a number', async () => {
    const { admin, input } = await stage();
    const res = await admin.call('POST', '/internships', input());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'post', monthlyPay: 2500.5, status: 'planned', insured: false, version: 1 });
  });

  it('takes an internship that ends on the day it starts and refuses one that ends the day before', async () => {
    const { admin, input } = await stage();
    expect((await admin.call('POST', '/internships', input({ kind: 'cognitive', startOn: '2026-04-01', endOn: '2026-04-01' }))).status).toBe(201);
    const res = await admin.call('POST', '/internships', input({ startOn: '2026-04-01', endOn: '2026-03-31' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['endOn']);
  });

  it('names every bad field at once', async () => {
    const { admin, input } = await stage();
    const res = await admin.call('POST', '/internships', input({ kind: 'summer', startOn: 'tomorrow', monthlyPay: -1, studentId: 'nobody' }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['kind', 'monthlyPay', 'startOn', 'studentId']);
  });

  it('needs an enterprise as the host, a teacher of the school and a mentor of that enterprise', async () => {
    const { tenant, school, admin, input } = await stage();
    const otherSchool = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const foreignTeacher = await makeTeacher(db(), tenant, otherSchool.id);
    const foreignMentor = await as(tenant, 'enterprise_mentor');
    const notMentor = await as(tenant, 'teacher', school.id);
    const res = await admin.call('POST', '/internships', input({ schoolMentorId: foreignTeacher.id, enterpriseMentorUserId: foreignMentor.userId }));
    expect(paths(res.body)).toEqual(['enterpriseMentorUserId', 'schoolMentorId']);
    expect(paths((await admin.call('POST', '/internships', input({ enterpriseId: school.id }))).body)).toContain('enterpriseId');
    expect(paths((await admin.call('POST', '/internships', input({ enterpriseMentorUserId: notMentor.userId }))).body)).toEqual(['enterpriseMentorUserId']);
  });

  it("refuses a school admin another school's student as if it did not exist", async () => {
    const { tenant, enterprise, admin, input } = await stage();
    const otherSchool = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const stranger = await makeStudent(db(), tenant, otherSchool.id);
    const res = await admin.call('POST', '/internships', input({ studentId: stranger.id, enterpriseId: enterprise.id, schoolMentorId: null }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['studentId']);
  });

  it('needs the agreement to be between the student’s school and the host enterprise', async () => {
    const { tenant, school, enterprise, admin, input } = await stage();
    const otherEnterprise = await makeOrganization(db(), tenant, 'enterprise', '别的企业');
    const agreement = (schoolId: string, enterpriseId: string) =>
      withTenant(db(), tenant.id, (tx) =>
        (tx as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('agreements')
          .values({ tenant_id: tenant.id, school_id: schoolId, enterprise_id: enterpriseId, mode: 'post_internship', title: '岗位实习协议' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const right = await agreement(school.id, enterprise.id);
    const wrong = await agreement(school.id, otherEnterprise.id);
    expect((await admin.call('POST', '/internships', input({ agreementId: right.id }))).status).toBe(201);
    const res = await admin.call('POST', '/internships', input({ agreementId: wrong.id }));
    expect(paths(res.body)).toEqual(['agreementId']);
  });

  it('writes an audit row naming the actor', async () => {
    const { tenant, admin, input } = await stage();
    const res = await admin.call('POST', '/internships', input());
    const rows = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').selectAll().where('entity', '=', 'internship').where('entity_id', '=', res.body.id).execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', actor_user_id: admin.userId });
  });
});

describe('the insured flag', () => {
  it('is true with liability and accident cover under a policy spanning the internship exactly', async () => {
    const { admin, input } = await stage();
    expect((await admin.call('POST', '/internships', input(cover))).body.insured).toBe(true);
  });

  it('is false when the cover ends a day before the internship does', async () => {
    const { admin, input } = await stage();
    expect((await admin.call('POST', '/internships', input({ ...cover, insuranceEnd: '2026-06-25' }))).body.insured).toBe(false);
  });

  it('is false without accident cover, and without a policy number', async () => {
    const { admin, input } = await stage();
    expect((await admin.call('POST', '/internships', input({ ...cover, accidentInsurance: false }))).body.insured).toBe(false);
    expect((await admin.call('POST', '/internships', input({ ...cover, policyNumber: null }))).body.insured).toBe(false);
  });

  it('follows an update of the internship dates past the cover', async () => {
    const { admin, input } = await stage();
    const created = (await admin.call('POST', '/internships', input(cover))).body;
    const res = await admin.call('PATCH', `/internships/${created.id}`, { endOn: '2026-06-27', version: 1 });
    expect(res.body).toMatchObject({ insured: false, version: 2 });
  });

  it('refuses cover that ends before it starts', async () => {
    const { admin, input } = await stage();
    const res = await admin.call('POST', '/internships', input({ ...cover, insuranceStart: '2026-03-02', insuranceEnd: '2026-03-01' }));
    expect(paths(res.body)).toEqual(['insuranceEnd']);
  });
});

describe('who sees and writes which internships', () => {
  it('lets a teacher and an evaluator read but not write (403)', async () => {
    const { tenant, teacher, input, placed } = await stage();
    const row = await placed();
    for (const client of [teacher, await as(tenant, 'evaluator')]) {
      expect((await client.call('GET', `/internships/${row.id}`)).status).toBe(200);
      expect((await client.call('PATCH', `/internships/${row.id}`, { position: '质检员', version: 1 })).status).toBe(403);
      expect((await client.call('POST', '/internships', input())).status).toBe(403);
    }
  });

  it("hides another school's internships from its admin and teachers (404)", async () => {
    const { tenant, placed } = await stage();
    const row = await placed();
    const otherSchool = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    for (const client of [await as(tenant, 'school_admin', otherSchool.id), await as(tenant, 'teacher', otherSchool.id)]) {
      expect((await client.call('GET', `/internships/${row.id}`)).status).toBe(404);
      expect((await client.call('GET', '/internships')).body.items).toEqual([]);
    }
  });

  it('shows an enterprise mentor only the internships assigned to them', async () => {
    const { tenant, enterprise, mentor, student, placed } = await stage();
    const mine = await placed();
    const colleague = await as(tenant, 'enterprise_mentor', enterprise.id);
    const theirs = await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id, enterprise_mentor_user_id: colleague.userId });
    expect((await mentor.call('GET', '/internships')).body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await mentor.call('GET', `/internships/${theirs.id}`)).status).toBe(404);
  });

  it('gives a department officer no internships', async () => {
    const { tenant, placed } = await stage();
    const row = await placed();
    const officer = await as(tenant, 'department_officer');
    expect((await officer.call('GET', '/internships')).status).toBe(403);
    expect((await officer.call('GET', `/internships/${row.id}`)).status).toBe(404);
  });
});

describe('updating and listing', () => {
  it('refuses a stale version with 409 and changes nothing', async () => {
    const { admin, placed } = await stage();
    const row = await placed();
    expect((await admin.call('PATCH', `/internships/${row.id}`, { status: 'ongoing', version: 1 })).status).toBe(200);
    expect((await admin.call('PATCH', `/internships/${row.id}`, { status: 'terminated', version: 1 })).status).toBe(409);
    expect((await admin.call('GET', `/internships/${row.id}`)).body.status).toBe('ongoing');
  });

  it('filters by school, kind, status and the day an internship runs', async () => {
    const { tenant, school, enterprise, student, placed } = await stage();
    const otherSchool = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const stranger = await makeStudent(db(), tenant, otherSchool.id);
    const post = await placed();
    const visit = await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id, kind: 'cognitive', start_on: '2025-10-13', end_on: '2025-10-17', status: 'completed' });
    const elsewhere = await makeInternship(db(), tenant, { studentId: stranger.id, enterpriseId: enterprise.id });
    const bureau = await as(tenant, 'bureau_admin');
    const ids = async (query: string) => ((await bureau.call('GET', `/internships?${query}`)).body.items as { id: string }[]).map((i) => i.id).sort();
    expect(await ids(`schoolId=${school.id}`)).toEqual([post.id, visit.id].sort());
    expect(await ids('kind=cognitive')).toEqual([visit.id]);
    expect(await ids('status=planned')).toEqual([post.id, elsewhere.id].sort());
    expect(await ids('activeOn=2025-10-17')).toEqual([visit.id]);
    expect((await bureau.call('GET', '/internships?limit=201')).status).toBe(422);
  });
});

describe('weekly logs', () => {
  it('are added by the assigned mentor for a Monday, listed oldest first and audited', async () => {
    const { tenant, mentor, teacher, placed } = await stage();
    const row = await placed();
    expect((await mentor.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-09', content: '熟悉装配线' })).status).toBe(201);
    const first = await teacher.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-02', content: '入职培训' });
    expect(first.body).toMatchObject({ weekStart: '2026-03-02', authorUserId: teacher.userId });
    const list = await mentor.call('GET', `/internships/${row.id}/logs`);
    expect(list.body.items.map((l: { weekStart: string }) => l.weekStart)).toEqual(['2026-03-02', '2026-03-09']);
    const audit = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').select('entity_id').where('entity', '=', 'internship_log').execute());
    expect(audit).toHaveLength(2);
  });

  it('refuses a week that does not start on a Monday, or lies outside the internship', async () => {
    const { admin, placed } = await stage();
    const row = await placed();
    expect(paths((await admin.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-10', content: '周二' })).body)).toEqual(['weekStart']);
    expect(paths((await admin.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-06-29', content: '结束后' })).body)).toEqual(['weekStart']);
    // The week of 23 Feb ends on 1 March, the day before the internship starts.
    expect((await admin.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-02-23', content: '开始前' })).status).toBe(422);
    expect((await admin.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-06-22', content: '最后一周' })).status).toBe(201);
  });

  it('keeps one log per week (409 for a second)', async () => {
    const { mentor, placed } = await stage();
    const row = await placed();
    await mentor.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-02', content: '第一篇' });
    expect((await mentor.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-02', content: '第二篇' })).status).toBe(409);
  });

  it('are read but not written by the bureau and evaluators (403), and hidden from other mentors (404)', async () => {
    const { tenant, placed } = await stage();
    const row = await placed();
    for (const client of [await as(tenant, 'bureau_admin'), await as(tenant, 'evaluator')]) {
      expect((await client.call('GET', `/internships/${row.id}/logs`)).status).toBe(200);
      expect((await client.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-02', content: 'x' })).status).toBe(403);
    }
    const stranger = await as(tenant, 'enterprise_mentor');
    expect((await stranger.call('GET', `/internships/${row.id}/logs`)).status).toBe(404);
    expect((await stranger.call('POST', `/internships/${row.id}/logs`, { weekStart: '2026-03-02', content: 'x' })).status).toBe(404);
  });
});

describe('the two-sided evaluation', () => {
  const evaluate = (client: ApiClient, id: string, side: string, body: Record<string, unknown>) => client.call('PUT', `/internships/${id}/evaluations/${side}`, body);

  it('gives a final result only once both sides have scored: their mean, with who gave which and when', async () => {
    const { teacher, mentor, placed } = await stage();
    const row = await placed();
    expect((await evaluate(teacher, row.id, 'school', { score: 80.01, comment: '表现良好' })).status).toBe(201);
    const half = await mentor.call('GET', `/internships/${row.id}/evaluation`);
    expect(half.body).toMatchObject({ school: { score: 80.01, evaluatorUserId: teacher.userId }, enterprise: null, final: null });
    await evaluate(mentor, row.id, 'enterprise', { score: 90 });
    const both = await teacher.call('GET', `/internships/${row.id}/evaluation`);
    expect(both.body).toMatchObject({
      school: { score: 80.01, comment: '表现良好', evaluatorUserId: teacher.userId, evaluatedAt: '2026-03-01T08:00:00.000Z' },
      enterprise: { score: 90, evaluatorUserId: mentor.userId, evaluatorName: expect.any(String) },
      final: { score: 85.005 },
    });
  });

  it('takes scores of 0 and 100 and refuses 100.01, a negative score and a third decimal', async () => {
    const { teacher, mentor, placed } = await stage();
    const row = await placed();
    expect((await evaluate(teacher, row.id, 'school', { score: 0 })).status).toBe(201);
    expect((await evaluate(mentor, row.id, 'enterprise', { score: 100 })).status).toBe(201);
    for (const score of [100.01, -0.01, 99.999]) {
      const res = await evaluate(mentor, row.id, 'enterprise', { score, version: 1 });
      expect(res.status).toBe(422);
      expect(paths(res.body)).toEqual(['score']);
    }
  });

  it('lets the school admin score the school side, but not another teacher of the school nor the bureau (403)', async () => {
    const { tenant, school, admin, placed } = await stage();
    const row = await placed();
    const otherTeacher = await as(tenant, 'teacher', school.id);
    await makeTeacher(db(), tenant, school.id, otherTeacher.userId);
    expect((await evaluate(otherTeacher, row.id, 'school', { score: 70 })).status).toBe(403);
    expect((await evaluate(await as(tenant, 'bureau_admin'), row.id, 'school', { score: 70 })).status).toBe(403);
    expect((await evaluate(admin, row.id, 'school', { score: 70 })).status).toBe(201);
  });

  it('keeps the enterprise side to the assigned mentor: a teacher gets 403', async () => {
    const { teacher, admin, placed } = await stage();
    const row = await placed();
    expect((await evaluate(teacher, row.id, 'enterprise', { score: 60 })).status).toBe(403);
    expect((await evaluate(admin, row.id, 'enterprise', { score: 60 })).status).toBe(403);
  });

  it('answers 404 to an enterprise mentor for an intern not assigned to them, for reading and scoring', async () => {
    const { tenant, enterprise, placed } = await stage();
    const row = await placed();
    const colleague = await as(tenant, 'enterprise_mentor', enterprise.id);
    expect((await evaluate(colleague, row.id, 'enterprise', { score: 60 })).status).toBe(404);
    expect((await colleague.call('GET', `/internships/${row.id}/evaluation`)).status).toBe(404);
  });

  it('replaces a side only with its current version (409 otherwise) and audits both writes', async () => {
    const { tenant, mentor, placed } = await stage();
    const row = await placed();
    await evaluate(mentor, row.id, 'enterprise', { score: 75 });
    expect((await evaluate(mentor, row.id, 'enterprise', { score: 78 })).status).toBe(409);
    const replaced = await evaluate(mentor, row.id, 'enterprise', { score: 78, version: 1 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ score: 78, version: 2 });
    expect((await evaluate(mentor, row.id, 'enterprise', { score: 79, version: 1 })).status).toBe(409);
    const audit = await withTenant(db(), tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'changes']).where('entity', '=', 'internship_evaluation').where('entity_id', '=', row.id).orderBy('at').execute(),
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.changes).toMatchObject({ score: { before: 75, after: 78 } });
  });

  it('refuses an unknown side with 422', async () => {
    const { mentor, placed } = await stage();
    const row = await placed();
    expect((await evaluate(mentor, row.id, 'parents', { score: 60 })).status).toBe(422);
  });
});

describe('across tenants', () => {
  it("answers 404 for another tenant's internship, its logs and its evaluation", async () => {
    const { tenant } = await stage();
    const bureau = await as(tenant, 'bureau_admin');
    const foreign = await (await stage()).placed();
    expect((await bureau.call('GET', `/internships/${foreign.id}`)).status).toBe(404);
    expect((await bureau.call('PATCH', `/internships/${foreign.id}`, { position: 'x', version: 1 })).status).toBe(404);
    expect((await bureau.call('DELETE', `/internships/${foreign.id}?version=1`)).status).toBe(404);
    expect((await bureau.call('GET', `/internships/${foreign.id}/logs`)).status).toBe(404);
    expect((await bureau.call('GET', `/internships/${foreign.id}/evaluation`)).status).toBe(404);
  });
});
