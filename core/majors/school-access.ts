// Who sees and writes a school's own records (majors, clusters, agreements …): the bureau all of
// them, a school admin its school's, a teacher reads its school's, the evaluator reads everything.
import type { Scope } from '../crud/resource.ts';
import type { SessionUser } from '../sessions/session-service.ts';

const ownSchool = (user: SessionUser): Scope => (user.organizationId ? { equals: { school_id: user.organizationId } } : false);

export const schoolRecordAccess = {
  read(user: SessionUser): Scope {
    if (user.role === 'bureau_admin' || user.role === 'evaluator') return true;
    if (user.role === 'school_admin' || user.role === 'teacher') return ownSchool(user);
    return false;
  },
  write(user: SessionUser): Scope {
    if (user.role === 'bureau_admin') return true;
    if (user.role === 'school_admin') return ownSchool(user);
    return false;
  },
};

/** The school a scope pins a caller to, or undefined when it is the whole tenant. */
export const scopedSchool = (scope: Exclude<Scope, boolean>): string | undefined => scope.equals?.school_id as string | undefined;
