// Consent and minors (issue 8 point 7): the guardian's 知情同意书 before a minor's 岗位实习, a
// separate consent before any location check-in, data-subject requests (export, correct, delete
// with what is kept by law) and the yearly minors' report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { testPii } from '../../test/support/test-pii.ts';
import { idNumberBorn, makeInternship, makeStudent } from '../students/test-fixtures.ts';
import { studentIdNumber } from '../students/student-pii.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());
const db = () => tdb.handle.db;

/** A school with its admin, an enterprise, and a student born on `born`. */
async function stage(born: string) {
  const tenant = await makeTenant(db());
  const school = await makeOrganization(db(), tenant, 'school', '职业学校');
  const enterprise = await makeOrganization(db(), tenant, 'enterprise', '实习企业');
  const admin = await apiClient(app, db(), tenant, { role: 'school_admin', organizationId: school.id });
  const idNumber = idNumberBorn(born);
  const student = await makeStudent(db(), tenant, school.id, { idNumber, birth_date: born, phone: '13812345678' });
  return { tenant, school, enterprise, admin, student };
}
const guardianConsent = (purpose: string, grantedOn = '2026-02-01') => ({ purpose, givenBy: 'guardian', consenterName: '王大明', relation: '父亲', grantedOn });
const postInternship = (studentId: string, enterpriseId: string) => ({ studentId, enterpriseId, kind: 'post', startOn: '2026-03-02', endOn: '2026-08-28' });

describe("a minor's 岗位实习", () => {
  it('is refused without the guardian’s consent, saying so, and accepted with it', async () => {
    const { admin, student, enterprise } = await stage('2009-06-01');
    const refused = await admin.call('POST', '/internships', postInternship(student.id, enterprise.id));
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'studentId', message: expect.stringContaining('知情同意书') })]);
    expect((await admin.call('POST', `/students/${student.id}/consents`, guardianConsent('post_internship'))).status).toBe(201);
    expect((await admin.call('POST', '/internships', postInternship(student.id, enterprise.id))).status).toBe(201);
  });

  it('needs no guardian for an adult, nor for a minor’s short 认识实习', async () => {
    const adult = await stage('2004-01-01');
    expect((await adult.admin.call('POST', '/internships', postInternship(adult.student.id, adult.enterprise.id))).status).toBe(201);
    const minor = await stage('2009-06-01');
    expect((await minor.admin.call('POST', '/internships', { ...postInternship(minor.student.id, minor.enterprise.id), kind: 'cognitive' })).status).toBe(201);
  });

  it('accepts a consent only from a guardian (with the relation) while the student is a minor', async () => {
    const { admin, student } = await stage('2009-06-01');
    const bySelf = await admin.call('POST', `/students/${student.id}/consents`, { purpose: 'location', givenBy: 'student', consenterName: '王小明', grantedOn: '2026-02-01' });
    expect(bySelf.status).toBe(422);
    expect(bySelf.body.issues[0].path).toBe('givenBy');
    const noRelation = await admin.call('POST', `/students/${student.id}/consents`, { ...guardianConsent('location'), relation: null });
    expect(noRelation.body.issues[0].path).toBe('relation');
  });
});

describe('location check-ins', () => {
  const log = (location?: { latitude: number; longitude: number }) => ({ weekStart: '2026-03-09', content: '本周在车间学习装配。', ...(location ? { location } : {}) });
  const here = { latitude: 36.81, longitude: 118.05 };

  it('are refused without the location consent, even when the internship consent exists', async () => {
    const { tenant, admin, student, enterprise } = await stage('2004-01-01');
    const internship = await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id });
    const res = await admin.call('POST', `/internships/${internship.id}/logs`, log(here));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'location', message: expect.stringContaining('位置') })]);
    // The log without a location is fine.
    expect((await admin.call('POST', `/internships/${internship.id}/logs`, log())).status).toBe(201);
  });

  it('are recorded with the consent, and refused again once it is withdrawn', async () => {
    const { tenant, admin, student, enterprise } = await stage('2004-01-01');
    const internship = await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id });
    const consent = await admin.call('POST', `/students/${student.id}/consents`, { purpose: 'location', givenBy: 'student', consenterName: '本人', grantedOn: '2026-03-01' });
    const ok = await admin.call('POST', `/internships/${internship.id}/logs`, log(here));
    expect(ok.status).toBe(201);
    expect(ok.body.location).toEqual(here);
    expect((await admin.call('POST', `/students/${student.id}/consents/${consent.body.id}/withdraw`)).status).toBe(200);
    const after = await admin.call('POST', `/internships/${internship.id}/logs`, { ...log(here), weekStart: '2026-03-16' });
    expect(after.status).toBe(422);
  });
});

describe('data-subject requests', () => {
  it('export everything held about the student as a file, with the ID number in full, recorded and audited', async () => {
    const { tenant, admin, student, enterprise } = await stage('2004-01-01');
    await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id });
    const res = await admin.call('POST', `/students/${student.id}/data-requests`, { kind: 'export', reason: '学生本人申请查阅' });
    expect(res.status).toBe(200);
    expect(res.body.student).toMatchObject({ id: student.id, id_number: student.idNumber, phone: '13812345678' });
    expect(res.body.internships).toHaveLength(1);
    const [request] = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('data_subject_requests').selectAll().execute());
    expect(request).toMatchObject({ kind: 'export', reason: '学生本人申请查阅', handled_by: admin.userId });
    const audit = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity_id', '=', student.id).execute());
    expect(audit.map((a) => a.action)).toContain('subject_export');
  });

  it('correct a field with the reason recorded', async () => {
    const { tenant, admin, student } = await stage('2004-01-01');
    const res = await admin.call('POST', `/students/${student.id}/data-requests`, { kind: 'correct', reason: '姓名录入有误', version: 1, changes: { name: '王晓明' } });
    expect(res.status).toBe(200);
    expect((await admin.call('GET', `/students/${student.id}`)).body.name).toBe('王晓明');
    const [request] = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('data_subject_requests').selectAll().execute());
    expect(request).toMatchObject({ kind: 'correct', fields: ['name'] });
  });

  it('delete the personal data, keep what the law requires and say so', async () => {
    const { tenant, admin, student, enterprise } = await stage('2004-01-01');
    const internship = await makeInternship(db(), tenant, { studentId: student.id, enterpriseId: enterprise.id });
    await admin.call('POST', `/internships/${internship.id}/logs`, { weekStart: '2026-03-09', content: '周记' });
    const res = await admin.call('POST', `/students/${student.id}/data-requests`, { kind: 'delete', reason: '毕业后本人申请删除' });
    expect(res.status).toBe(200);
    expect(res.body.removed).toMatchObject({ internshipLogs: 1 });
    expect(res.body.retained.map((r: { data: string }) => r.data)).toEqual(expect.arrayContaining(['internships, internship_evaluations', 'audit_log']));
    const row = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('students').selectAll().where('id', '=', student.id).executeTakeFirstOrThrow());
    expect([row.name, row.phone, row.birth_date]).toEqual(['（已删除）', null, null]);
    expect(studentIdNumber(testPii, row)).not.toBe(student.idNumber);
    expect(await withTenant(db(), tenant.id, (tx) => tx.selectFrom('internships').select('id').where('student_id', '=', student.id).execute())).toHaveLength(1);
    const [request] = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('data_subject_requests').selectAll().execute());
    expect(request!.retained).toHaveLength(3);
  });

  it('are not for teachers (403), need a reason (422), and another school’s student is not there (404)', async () => {
    const { tenant, school, student } = await stage('2004-01-01');
    const teacher = await apiClient(app, db(), tenant, { role: 'teacher', organizationId: school.id });
    expect((await teacher.call('POST', `/students/${student.id}/data-requests`, { kind: 'export', reason: '查阅' })).status).toBe(403);
    const other = await makeOrganization(db(), tenant, 'school', '另一所学校');
    const otherAdmin = await apiClient(app, db(), tenant, { role: 'school_admin', organizationId: other.id });
    expect((await otherAdmin.call('POST', `/students/${student.id}/data-requests`, { kind: 'export', reason: '查阅' })).status).toBe(404);
    const bureau = await apiClient(app, db(), tenant, { role: 'bureau_admin' });
    expect((await bureau.call('POST', `/students/${student.id}/data-requests`, { kind: 'export' })).status).toBe(422);
  });
});

describe("the minors' report", () => {
  it('counts the minors held, unmasked reads, consents and requests of the year', async () => {
    const { tenant, admin, student, school } = await stage('2009-06-01');
    await makeStudent(db(), tenant, school.id, { birth_date: '2000-01-01' });
    await admin.call('POST', `/students/${student.id}/consents`, guardianConsent('post_internship', '2026-02-01'));
    await admin.call('GET', `/students/${student.id}/unmasked`);
    await admin.call('POST', `/students/${student.id}/data-requests`, { kind: 'export', reason: '监护人申请查阅' });
    const bureau = await apiClient(app, db(), tenant, { role: 'bureau_admin' });
    const res = await bureau.call('GET', '/privacy/minors-report?year=2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2026,
      held: { students: 2, minors: 1 },
      access: { unmaskedReads: 2, readers: 1, subjectExports: 1, byRole: { school_admin: 2 } },
      consents: { post_internship: { granted: 1, activeAtYearEnd: 1 } },
      minorPostInternshipsWithoutConsent: 0,
      requests: { export: 1 },
    });
    expect((await admin.call('GET', '/privacy/minors-report?year=2026')).status).toBe(403);
  });
});
