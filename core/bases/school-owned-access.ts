// Access of records a school owns, provides, organises or funds (bases, trainings, events,
// funding): the bureau writes all, a school admin those whose `column` is its school; everyone
// else in the tenant reads, except department officers and enterprise mentors.
import type { ResourceDef } from '../crud/resource.ts';

export function schoolOwnedAccess(column: string): ResourceDef['access'] {
  return {
    read: (user) => !['department_officer', 'enterprise_mentor'].includes(user.role),
    write: (user) =>
      user.role === 'bureau_admin' ? true : user.role === 'school_admin' ? { equals: { [column]: user.organizationId } } : false,
  };
}
