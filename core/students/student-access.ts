// Who sees which students, and who may unmask a 身份证号 or phone number (after a fresh sign-in,
// audited): the admin of the student's own school and the bureau; nobody sees them unmasked by default.
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

export const mayUnmask = (user: SessionUser, schoolId: unknown) =>
  user.role === 'bureau_admin' || (user.role === 'school_admin' && user.organizationId !== null && user.organizationId === schoolId);
