// Test rows for metric, target and rollup specifications: one call per record, only the columns a
// test is about, the rest valid defaults. Used by tests only.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tx } from '../db/database.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Values = Record<string, unknown>;

export function rows(tx: Tx, tenantId: string) {
  const db = tx as unknown as AnyDb;
  const insert = async (table: string, values: Values): Promise<string> => {
    const row: { id: string } = await db.insertInto(table).values({ tenant_id: tenantId, ...values }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const hex = () => randomBytes(6).toString('hex');
  return {
    school: (v: Values = {}) => insert('organizations', { kind: 'school', name: `学校${hex()}`, school_level: 'secondary', ...v }),
    org: (kind: string, v: Values = {}) => insert('organizations', { kind, name: `${kind}${hex()}`, ...v }),
    chain: (v: Values = {}) => insert('industry_chains', { name: `产业链${hex()}`, ...v }),
    cluster: (schoolId: string, v: Values = {}) => insert('major_clusters', { school_id: schoolId, name: `专业群${hex()}`, ...v }),
    major: (schoolId: string, v: Values = {}) =>
      insert('majors', { school_id: schoolId, code: String(100000 + Math.floor(Math.random() * 899999)), name: '专业', opened_on: '2015-09-01', ...v }),
    majorStats: (majorId: string, year: number, employmentRate: number) =>
      db.insertInto('major_yearly_stats').values({ tenant_id: tenantId, major_id: majorId, year, enrolment: 10, employment_rate: employmentRate }).execute(),
    agreement: (schoolId: string, enterpriseId: string, v: Values = {}) =>
      insert('agreements', { school_id: schoolId, enterprise_id: enterpriseId, mode: 'order_class', title: '协议', status: 'active', valid_from: '2020-01-01', ...v }),
    student: (schoolId: string, v: Values = {}) =>
      insert('students', {
        school_id: schoolId, name: '学生', gender: 'female',
        // Sealed-number columns with placeholder values: metrics never read them.
        id_number_ciphertext: `x${hex()}`, id_number_key_id: 'test', id_number_hmac: hex() + hex(), ...v,
      }),
    internship: (studentId: string, enterpriseId: string, v: Values = {}) =>
      insert('internships', { student_id: studentId, enterprise_id: enterpriseId, kind: 'post', start_on: '2024-03-01', end_on: '2024-08-31', status: 'ongoing', ...v }),
    insured: { policy_number: 'P-1', insurance_start: '2024-03-01', insurance_end: '2024-08-31', liability_insurance: true, accident_insurance: true },
    evaluation: (internshipId: string, side: 'school' | 'enterprise', evaluatorId: string, evaluatedAt = new Date('2024-09-05T02:00:00Z')) =>
      db.insertInto('internship_evaluations').values({ tenant_id: tenantId, internship_id: internshipId, side, score: 90, evaluator_user_id: evaluatorId, evaluated_at: evaluatedAt }).execute(),
    user: () => insert('users', { email: `u${hex()}@example.cn`, display_name: 'U', role: 'bureau_admin', password_hash: 'x' }),
    teacher: (schoolId: string, v: Values = {}) => insert('teachers', { school_id: schoolId, teacher_number: `T${hex()}`, name: '教师', hire_date: '2010-09-01', ...v }),
    practice: (teacherId: string, startOn: string, endOn: string) =>
      insert('teacher_practice_periods', { teacher_id: teacherId, enterprise_name: '企业', start_on: startOn, end_on: endOn }),
    orderClass: (agreementId: string, cohortYear: number) => insert('order_classes', { agreement_id: agreementId, name: `订单班${hex()}`, kind: 'order', cohort_year: cohortYear }),
    orderClassStudent: (orderClassId: string, studentId: string) =>
      db.insertInto('order_class_students').values({ tenant_id: tenantId, order_class_id: orderClassId, student_id: studentId }).execute(),
    designation: (enterpriseId: string, v: Values = {}) =>
      insert('enterprise_designations', { enterprise_id: enterpriseId, designation: 'integration_enterprise', stage: 'certified', level: 'provincial', designated_on: '2022-05-01', ...v }),
    base: (ownerId: string, v: Values = {}) => insert('bases', { name: `基地${hex()}`, kind: 'career_enlightenment', owner_id: ownerId, level: 'city', established_on: '2023-01-01', ...v }),
    event: (kind: string, heldOn: string, v: Values = {}) => insert('events', { kind, title: `活动${hex()}`, held_on: heldOn, ...v }),
    training: (providerId: string, v: Values = {}) =>
      insert('trainings', { provider_id: providerId, kind: 'new_apprenticeship', title: '培训', start_on: '2023-03-01', end_on: '2023-06-30', trainees: 10, ...v }),
  };
}

export type Rows = ReturnType<typeof rows>;
