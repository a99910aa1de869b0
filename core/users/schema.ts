// Row types of users: people of one tenant (or of the platform scope), with their role.
import type { Generated, Selectable } from 'kysely';

export const roles = [
  'platform_operator',
  'bureau_admin',
  'department_officer',
  'school_admin',
  'teacher',
  'enterprise_mentor',
  'evaluator',
] as const;
export type Role = (typeof roles)[number];

export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  role: Role;
  organization_id: string | null;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export type User = Selectable<UsersTable>;
