// Data-subject requests of a student (PIPL Art. 44–47): everything held about them as one file,
// a correction, or a deletion that removes what may go and names what the law makes us keep.
import { sql } from 'kysely';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Tx } from '../db/database.ts';
import { studentIdColumns, studentIdNumber } from '../students/student-pii.ts';

/** What a deletion keeps, and why: shown to the requester and stored with the request. */
export const RETAINED_ON_DELETE = [
  { data: 'internships, internship_evaluations', basis: '职业学校学生实习管理规定（2021）第三十二条：实习档案保存' },
  { data: 'consents', basis: '个人信息保护法 第十三、三十一条：取得同意的证明' },
  { data: 'audit_log', basis: '网络安全法 第二十一条：网络日志留存不少于六个月' },
] as const;

export const ERASED_NAME = '（已删除）';

/** Every row held about one student, with the identifiers in full (the subject's own copy). */
export async function studentDataExport(tx: Tx, pii: PiiKeyring, student: Record<string, unknown>) {
  const id = student.id as string;
  const internships = await tx.selectFrom('internships').selectAll().where('student_id', '=', id).execute();
  const internshipIds = internships.map((i) => i.id);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const { id_number_ciphertext: _c, id_number_key_id: _k, id_number_hmac: _h, id_number: _legacy, ...plain } = student;
  return {
    student: { ...plain, id_number: studentIdNumber(pii, student) },
    internships,
    internshipLogs: await tx.selectFrom('internship_logs').selectAll().where('internship_id', 'in', internshipIds.length ? internshipIds : none).execute(),
    internshipEvaluations: await tx.selectFrom('internship_evaluations').selectAll().where('internship_id', 'in', internshipIds.length ? internshipIds : none).execute(),
    orderClasses: await tx.selectFrom('order_class_students').selectAll().where('student_id', '=', id).execute(),
    consents: await tx.selectFrom('consents').selectAll().where('student_id', '=', id).execute(),
    requests: await tx.selectFrom('data_subject_requests').selectAll().where('student_id', '=', id).execute(),
  };
}

/**
 * Deletes a student's personal information: weekly logs (and their locations) and order-class
 * memberships go; the student row stays as an anonymous stub so the internships the law keeps
 * still point somewhere, its name, phone, birth date and ID number replaced.
 */
export async function eraseStudent(tx: Tx, pii: PiiKeyring, tenantId: string, studentId: string) {
  const internshipIds = (await tx.selectFrom('internships').select('id').where('student_id', '=', studentId).execute()).map((r) => r.id);
  const logs = internshipIds.length ? Number((await tx.deleteFrom('internship_logs').where('internship_id', 'in', internshipIds).executeTakeFirst()).numDeletedRows) : 0;
  const memberships = Number((await tx.deleteFrom('order_class_students').where('student_id', '=', studentId).executeTakeFirst()).numDeletedRows);
  await tx
    .updateTable('students')
    .set({
      name: ERASED_NAME,
      phone: null,
      birth_date: null,
      // A number that cannot be anyone's: the hash stays unique per student and matches no real ID.
      ...studentIdColumns(pii, tenantId, `ERASED:${studentId}`),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', studentId)
    .execute();
  return { internshipLogs: logs, orderClassMemberships: memberships, studentFields: ['name', 'phone', 'birthDate', 'idNumber'] };
}
