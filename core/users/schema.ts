// Row types of users: people of one tenant (or of the platform scope), with their role.
import type { ColumnType, Generated, Selectable } from 'kysely';

export const roles = [
  'platform_operator',
  'bureau_admin',
  'department_officer',
  'school_admin',
  'teacher',
  'enterprise_mentor',
  'evaluator',
  // 三员分立: users, roles and 2FA resets; reading and exporting the audit log. Nothing else.
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof roles)[number];

/** Roles a user may hold besides the primary one (which alone decides the data scope). */
export const dutyRoles = ['security_admin', 'audit_admin'] as const;
export type DutyRole = (typeof dutyRoles)[number];

/** Roles that must sign in with a second factor whatever the tenant says (等保 8.1.4.1 d). */
export const rolesRequiring2fa: readonly Role[] = ['platform_operator', 'bureau_admin', 'department_officer', 'school_admin', 'security_admin', 'audit_admin'];

export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  role: Role;
  organization_id: string | null;
  password_hash: string;
  extra_roles: ColumnType<DutyRole[], DutyRole[] | undefined, DutyRole[]>;
  totp_secret_ciphertext: string | null;
  totp_secret_key_id: string | null;
  totp_enabled_at: Date | null;
  totp_pending_ciphertext: string | null;
  totp_pending_key_id: string | null;
  totp_last_step: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export type User = Selectable<UsersTable>;
