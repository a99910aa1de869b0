// Order classes carry no school of their own: they belong to the school of their agreement, so
// the school-record rule is applied through that agreement.
import type { Scope } from '../crud/resource.ts';
import { schoolRecordAccess, scopedSchool } from '../majors/school-access.ts';
import type { SessionUser } from '../sessions/session-service.ts';

const throughAgreement = (scope: Scope): Scope => {
  if (typeof scope === 'boolean') return scope;
  const school = scopedSchool(scope);
  if (!school) return false;
  return { where: (eb) => eb('agreement_id', 'in', eb.selectFrom('agreements').select('agreements.id').where('agreements.school_id', '=', school)) };
};

export const orderClassAccess = {
  read: (user: SessionUser) => throughAgreement(schoolRecordAccess.read(user)),
  write: (user: SessionUser) => throughAgreement(schoolRecordAccess.write(user)),
};

/** The school a caller may write order classes for: undefined for the whole tenant, null for none. */
export function writableSchool(user: SessionUser): string | null | undefined {
  const scope = schoolRecordAccess.write(user);
  if (scope === true) return undefined;
  if (scope === false) return null;
  return scopedSchool(scope) ?? null;
}
