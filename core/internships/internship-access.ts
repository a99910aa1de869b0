// Who sees which internships. The table has no school column: a school's internships are those
// of its students. Enterprise mentors see only the internships assigned to them.
import type { Scope } from '../crud/resource.ts';
import type { Tx } from '../db/database.ts';
import type { SessionUser } from '../sessions/session-service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ofSchool = (schoolId: string | null): Scope => ({
  where: (eb) => eb('student_id', 'in', eb.selectFrom('students').select('students.id').where('students.school_id', '=', schoolId)),
});

export function internshipReadScope(user: SessionUser): Scope {
  switch (user.role) {
    case 'bureau_admin':
    case 'evaluator':
      return true;
    case 'school_admin':
    case 'teacher':
      return ofSchool(user.organizationId);
    case 'enterprise_mentor':
      return { equals: { enterprise_mentor_user_id: user.id } };
    default:
      return false;
  }
}

export function internshipWriteScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin') return true;
  if (user.role === 'school_admin') return ofSchool(user.organizationId);
  return false;
}

/** The internship with its student's school, if the user may see it; else undefined (→ 404). */
export async function findVisibleInternship(tx: Tx, user: SessionUser, id: string) {
  if (!UUID.test(id)) return undefined;
  let q = tx
    .selectFrom('internships')
    .innerJoin('students', (j) => j.onRef('students.tenant_id', '=', 'internships.tenant_id').onRef('students.id', '=', 'internships.student_id'))
    .selectAll('internships')
    .select('students.school_id as student_school_id')
    .where('internships.id', '=', id);
  if (user.role === 'school_admin' || user.role === 'teacher') {
    if (!user.organizationId) return undefined;
    q = q.where('students.school_id', '=', user.organizationId);
  } else if (user.role === 'enterprise_mentor') q = q.where('internships.enterprise_mentor_user_id', '=', user.id);
  else if (user.role !== 'bureau_admin' && user.role !== 'evaluator') return undefined;
  return q.executeTakeFirst();
}

export type VisibleInternship = NonNullable<Awaited<ReturnType<typeof findVisibleInternship>>>;
