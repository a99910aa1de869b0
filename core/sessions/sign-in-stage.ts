// Which step a sign-in reaches next: the TOTP code when enrolled, enrolment when 2FA is required
// and missing, a password change when the tenant rotates passwords and this one is too old.
import type { Tenant } from '../tenancy/schema.ts';
import { rolesRequiring2fa, type User } from '../users/schema.ts';
import type { SessionStage } from './schema.ts';

export const PASSWORD_MAX_AGE_MS = 90 * 24 * 3600 * 1000;

type StageTenant = Pick<Tenant, 'require_2fa_all' | 'password_rotation'>;
type StageUser = Pick<User, 'role' | 'extra_roles' | 'totp_enabled_at' | 'password_changed_at'>;

export function requires2fa(user: Pick<User, 'role' | 'extra_roles'>, tenant: Pick<Tenant, 'require_2fa_all'>): boolean {
  return tenant.require_2fa_all || [user.role, ...user.extra_roles].some((r) => rolesRequiring2fa.includes(r));
}

export function passwordExpired(user: Pick<User, 'password_changed_at'>, tenant: Pick<Tenant, 'password_rotation'>, now: Date): boolean {
  return tenant.password_rotation && now.getTime() - user.password_changed_at.getTime() >= PASSWORD_MAX_AGE_MS;
}

/** After the password step. */
export function stageAfterPassword(user: StageUser, tenant: StageTenant, now: Date): SessionStage {
  if (user.totp_enabled_at) return 'totp';
  if (requires2fa(user, tenant)) return 'enrol';
  return stageAfterSecondFactor(user, tenant, now);
}

/** After the code step (or enrolment). */
export const stageAfterSecondFactor = (user: StageUser, tenant: StageTenant, now: Date): SessionStage =>
  passwordExpired(user, tenant, now) ? 'rotate' : 'full';
