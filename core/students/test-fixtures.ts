// Rows the student and internship tests stand on, written straight to the database so each
// test states only what it is about. Test code only.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { idNumberBirthDate, withIdNumberCheck } from '../identifiers/id-number.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { testPii } from '../../test/support/test-pii.ts';
import { studentIdColumns } from './student-pii.ts';

// Majors and teachers are other modules' tables; the fixtures need only their key columns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (tx: Tx) => tx as unknown as Kysely<any>;

let seq = 0;

/** A valid 身份证号 of someone born on `born` (region 110101, 北京市东城区). */
export const idNumberBorn = (born = '2005-03-15') => withIdNumberCheck(`110101${born.replaceAll('-', '')}${String(100 + (seq++ % 900))}`);

export async function makeMajor(db: Db, tenant: Tenant, schoolId: string, name = '机电一体化技术') {
  const code = String(460000 + Number.parseInt(randomBytes(2).toString('hex'), 16) % 9999);
  const row = await withTenant(db, tenant.id, (tx) =>
    raw(tx).insertInto('majors').values({ tenant_id: tenant.id, school_id: schoolId, code, name }).returning('id').executeTakeFirstOrThrow(),
  );
  return row;
}

/** A student row, its 身份证号 sealed with the tests' keys; `idNumber` is the plaintext it holds. */
export async function makeStudent(db: Db, tenant: Tenant, schoolId: string, extra: Record<string, unknown> & { idNumber?: string } = {}) {
  const { idNumber = idNumberBorn(), ...rest } = extra;
  const row = await withTenant(db, tenant.id, (tx) =>
    tx
      .insertInto('students')
      .values({ tenant_id: tenant.id, school_id: schoolId, name: `学生${seq}`, gender: 'female', birth_date: idNumberBirthDate(idNumber) ?? null, ...studentIdColumns(testPii, tenant.id, idNumber), ...rest })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { ...row, idNumber };
}

export async function makeTeacher(db: Db, tenant: Tenant, schoolId: string, userId: string | null = null) {
  const row = await withTenant(db, tenant.id, (tx) =>
    raw(tx)
      .insertInto('teachers')
      .values({ tenant_id: tenant.id, school_id: schoolId, teacher_number: `T${randomBytes(4).toString('hex')}`, name: '带教老师', user_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row;
}

export async function makeInternship(db: Db, tenant: Tenant, values: { studentId: string; enterpriseId: string } & Record<string, unknown>) {
  const { studentId, enterpriseId, ...rest } = values;
  return withTenant(db, tenant.id, (tx) =>
    raw(tx)
      .insertInto('internships')
      .values({ tenant_id: tenant.id, student_id: studentId, enterprise_id: enterpriseId, kind: 'post', start_on: '2026-03-02', end_on: '2026-06-26', ...rest })
      .returningAll()
      .executeTakeFirstOrThrow(),
  ) as Promise<{ id: string; version: number }>;
}
