// Who sees which students, and who sees a 身份证号 in full: only the admin of the student's own
// school; everyone else who may see the student gets it masked.
import type { Scope } from '../crud/resource.ts';
import type { SessionUser } from '../sessions/session-service.ts';

export function studentReadScope(user: SessionUser): Scope {
  switch (user.role) {
    case 'bureau_admin':
    case 'evaluator':
      return true;
    case 'school_admin':
    case 'teacher':
      return { equals: { school_id: user.organizationId } };
    case 'enterprise_mentor':
      // Only the interns assigned to this mentor, whatever their school.
      return {
        where: (eb) => eb('id', 'in', eb.selectFrom('internships').select('student_id').where('enterprise_mentor_user_id', '=', user.id)),
      };
    default:
      return false;
  }
}

export function studentWriteScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin') return true;
  if (user.role === 'school_admin') return { equals: { school_id: user.organizationId } };
  return false;
}

export const seesFullIdNumber = (user: SessionUser, schoolId: unknown) =>
  user.role === 'school_admin' && user.organizationId !== null && user.organizationId === schoolId;
