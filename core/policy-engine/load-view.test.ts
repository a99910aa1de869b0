// Specification of loadDataView: every collection of the view, with its nested facts, read from
// the database for the current tenant only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { decodeDataView } from './decode-view.ts';
import { loadDataView, loadDataViewText } from './load-view.ts';
import { studentIdColumns } from '../students/student-pii.ts';
import { testPii } from '../../test/support/test-pii.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

it("loads every collection with its nested facts, and no other tenant's rows", async () => {
  const [tenant, other] = [await makeTenant(db), await makeTenant(db)];
  const evaluator = await makeUser(db, tenant);
  const ids = await withTenant(db, tenant.id, async (tx) => {
    const org = (kind: 'school' | 'enterprise', name: string) =>
      tx.insertInto('organizations').values({ tenant_id: tenant.id, kind, name }).returning('id').executeTakeFirstOrThrow();
    const school = await org('school', '学校');
    const ent = await org('enterprise', '企业');
    await tx.insertInto('enterprise_designations').values({ tenant_id: tenant.id, enterprise_id: ent.id, designation: 'integration_enterprise', stage: 'certified', level: 'provincial', designated_on: '2024-05-01' }).execute();
    const teacher = await tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T1', name: '张三', hire_date: '2020-09-01' }).returning('id').executeTakeFirstOrThrow();
    for (const [start, end] of [['2024-07-01', '2024-08-31'], ['2023-07-01', '2023-08-31']] as const) {
      await tx.insertInto('teacher_practice_periods').values({ tenant_id: tenant.id, teacher_id: teacher.id, enterprise_id: ent.id, enterprise_name: '企业', start_on: start, end_on: end, enterprise_rating: 'good' }).execute();
    }
    const agreement = await tx.insertInto('agreements').values({ tenant_id: tenant.id, school_id: school.id, enterprise_id: ent.id, mode: 'post_internship', title: '协议', valid_until: '2027-12-31' }).returning('id').executeTakeFirstOrThrow();
    const major = await tx.insertInto('majors').values({ tenant_id: tenant.id, school_id: school.id, code: '660301', name: '机电一体化', opened_on: '2023-09-01', is_integration: true }).returning('id').executeTakeFirstOrThrow();
    const student = await tx.insertInto('students').values({ tenant_id: tenant.id, school_id: school.id, name: '学生', gender: 'male', major_id: major.id, birth_date: '2009-01-01', cohort_year: 2024, ...studentIdColumns(testPii, tenant.id, '11010520000101123X') }).returning('id').executeTakeFirstOrThrow();
    const funding = await tx.insertInto('funding_records').values({ tenant_id: tenant.id, project: '研发联合体', year: 2025, enterprise_id: ent.id, institute_amount: '10.00', government_amount: '20.00', enterprise_amount: '70.50' }).returning('id').executeTakeFirstOrThrow();
    const internship = await tx
      .insertInto('internships')
      .values({ tenant_id: tenant.id, student_id: student.id, kind: 'post', enterprise_id: ent.id, agreement_id: agreement.id, start_on: '2026-03-01', end_on: '2026-08-31', policy_number: 'P1', insurance_start: '2026-03-01', insurance_end: '2026-08-31', liability_insurance: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('internship_evaluations').values({ tenant_id: tenant.id, internship_id: internship.id, side: 'enterprise', score: '88.50', evaluator_user_id: evaluator.id, evaluated_at: new Date('2026-08-31T20:00:00Z') }).execute();
    return { school: school.id, ent: ent.id, teacher: teacher.id, agreement: agreement.id, student: student.id, internship: internship.id, major: major.id, funding: funding.id };
  });
  await withTenant(db, other.id, (tx) => tx.insertInto('organizations').values({ tenant_id: other.id, kind: 'school', name: '别的学校' }).execute());

  const view = await loadDataView(db, tenant.id);
  expect(view.tenantId).toBe(tenant.id);
  expect(view.organizations.map((o) => o.name).sort()).toEqual(['企业', '学校']);
  expect(view.organizations.find((o) => o.id === ids.ent)).toEqual({
    id: ids.ent, kind: 'enterprise', name: '企业', creditCode: null,
    designations: [{ designation: 'integration_enterprise', stage: 'certified', level: 'provincial', designatedOn: '2024-05-01', expiresOn: null }],
  });
  expect(view.teachers).toMatchObject([{ id: ids.teacher, schoolId: ids.school, name: '张三', hireDate: '2020-09-01', isProfessional: true, dualQualified: false }]);
  // Ordered by start date, whatever order they were recorded in.
  expect(view.teachers[0]!.practicePeriods.map((p) => [p.startOn, p.endOn, p.rating, p.enterpriseId])).toEqual([
    ['2023-07-01', '2023-08-31', 'good', ids.ent],
    ['2024-07-01', '2024-08-31', 'good', ids.ent],
  ]);
  expect(view.internships).toEqual([{
    id: ids.internship, studentId: ids.student, schoolId: ids.school, enterpriseId: ids.ent, agreementId: ids.agreement,
    kind: 'post', status: 'planned', startOn: '2026-03-01', endOn: '2026-08-31',
    insurance: { policyNumber: 'P1', start: '2026-03-01', end: '2026-08-31', liability: true, accident: false },
    // 20:00 UTC on 08-31 is already 09-01 in Asia/Shanghai, the tenant's time zone.
    evaluations: { school: null, enterprise: { score: '88.50', evaluatedOn: '2026-09-01' } },
  }]);
  expect(view.agreements).toMatchObject([{ id: ids.agreement, schoolId: ids.school, enterpriseId: ids.ent, mode: 'post_internship', status: 'active', validUntil: '2027-12-31', signedOn: null }]);
  expect(view.majors).toEqual([{ id: ids.major, schoolId: ids.school, code: '660301', name: '机电一体化', clusterId: null, industryChainId: null, openedOn: '2023-09-01', closedOn: null, isIntegration: true }]);
  // No name, ID number or phone: a rule has no use for them.
  expect(view.students).toEqual([{ id: ids.student, schoolId: ids.school, majorId: ids.major, birthDate: '2009-01-01', cohortYear: 2024, expectedGraduationYear: null }]);
  expect(view.fundingRecords).toEqual([{
    id: ids.funding, project: '研发联合体', year: 2025, schoolId: null, enterpriseId: ids.ent,
    instituteAmount: '10.00', governmentAmount: '20.00', enterpriseAmount: '70.50', investmentAmount: '0.00',
  }]);

  // Only what the plugins read is loaded.
  const partial = decodeDataView(await withTenant(db, tenant.id, (tx) => loadDataViewText(tx, tenant.id, ['majors'])));
  expect([partial.majors.length, partial.internships.length, partial.teachers.length, partial.students.length]).toEqual([1, 0, 0, 0]);
});

it('keeps free text exactly as stored: quotes, backslashes, control characters and emoji survive the JSON the load writes', async () => {
  const tenant = await makeTenant(db);
  const odd = '王"老师"\\ \n\t\u0001 😀 </script>';
  await withTenant(db, tenant.id, async (tx) => {
    const school = await tx.insertInto('organizations').values({ tenant_id: tenant.id, kind: 'school', name: odd }).returning('id').executeTakeFirstOrThrow();
    const ent = await tx.insertInto('organizations').values({ tenant_id: tenant.id, kind: 'enterprise', name: '企业' }).returning('id').executeTakeFirstOrThrow();
    const teacher = await tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T1', name: odd, hire_date: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T2', name: '无实践', is_professional: false }).execute();
    await tx.insertInto('teacher_practice_periods').values({ tenant_id: tenant.id, teacher_id: teacher.id, enterprise_name: odd, start_on: '2024-07-01', end_on: '2024-08-31' }).execute();
    const student = await tx.insertInto('students').values({ tenant_id: tenant.id, school_id: school.id, name: '学生', gender: 'female', ...studentIdColumns(testPii, tenant.id, '11010520000101123X') }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('internships').values({ tenant_id: tenant.id, student_id: student.id, kind: 'shadow', enterprise_id: ent.id, start_on: '2026-03-01', end_on: '2026-03-31', policy_number: odd }).execute();
  });
  const view = await loadDataView(db, tenant.id);
  const byName = new Map(view.teachers.map((t) => [t.name, t]));
  expect(byName.get(odd)).toMatchObject({ hireDate: null, isProfessional: true, practicePeriods: [{ enterpriseName: odd, enterpriseId: null, rating: null }] });
  expect(byName.get('无实践')).toMatchObject({ isProfessional: false, practicePeriods: [] });
  expect(view.internships).toMatchObject([{ kind: 'shadow', agreementId: null, insurance: { policyNumber: odd, start: null, end: null, liability: false, accident: false }, evaluations: { school: null, enterprise: null } }]);
  expect(view.organizations.find((o) => o.kind === 'school')!.name).toBe(odd);
});
