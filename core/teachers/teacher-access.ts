// Who sees and changes teachers and their practice periods: the bureau everything, the
// evaluator reads everything, a school's admin its school, a teacher reads its school and
// writes only its own practice periods.
import type { Scope } from '../crud/resource.ts';
import type { SessionUser } from '../sessions/session-service.ts';

const SCHOOL_ROLES = ['school_admin', 'teacher'];

export function teacherReadScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin' || user.role === 'evaluator') return true;
  if (SCHOOL_ROLES.includes(user.role)) return { equals: { school_id: user.organizationId } };
  return false;
}

export function teacherWriteScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin') return true;
  if (user.role === 'school_admin') return { equals: { school_id: user.organizationId } };
  return false;
}

export function practiceReadScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin' || user.role === 'evaluator') return true;
  if (SCHOOL_ROLES.includes(user.role))
    return { where: (eb) => eb('teacher_id', 'in', eb.selectFrom('teachers').select('id').where('school_id', '=', user.organizationId)) };
  return false;
}

export function practiceWriteScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin') return true;
  if (user.role === 'school_admin') return practiceReadScope(user);
  if (user.role === 'teacher')
    return { where: (eb) => eb('teacher_id', 'in', eb.selectFrom('teachers').select('id').where('user_id', '=', user.id)) };
  return false;
}
