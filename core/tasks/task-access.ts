// Who sees and changes policy tasks: the bureau all, the evaluator reads all, a department
// officer the tasks its unit leads or co-leads (status, progress and notes only); nobody else.
import { sql } from 'kysely';
import type { Scope } from '../crud/resource.ts';
import type { SessionUser } from '../sessions/session-service.ts';

export const TASK_ROLES = ['bureau_admin', 'evaluator', 'department_officer'] as const;
/** What a department officer may change on its unit's tasks. */
export const OFFICER_FIELDS = ['status', 'progress'];

const ofUnit = (user: SessionUser): Scope => ({
  where: (eb) => eb.or([eb('lead_unit_id', '=', user.organizationId), sql<boolean>`${user.organizationId} = any(co_unit_ids)`]),
});

export function taskReadScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin' || user.role === 'evaluator') return true;
  return user.role === 'department_officer' && user.organizationId ? ofUnit(user) : false;
}

export function taskWriteScope(user: SessionUser): Scope {
  if (user.role === 'bureau_admin') return true;
  return user.role === 'department_officer' && user.organizationId ? ofUnit(user) : false;
}
