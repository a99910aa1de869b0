// How long a session lives (ASVS 3.3.2, 等保 登录连接超时): 30 minutes idle and 12 hours absolute for
// every role; a tenant may give teachers and mentors up to 8 hours idle. Sign-in steps live briefly.
import type { Tenant } from '../tenancy/schema.ts';
import type { Role } from '../users/schema.ts';
import type { SessionStage } from './schema.ts';

const MINUTE = 60 * 1000;
export const DEFAULT_IDLE_MS = 30 * MINUTE;
export const ABSOLUTE_MS = 12 * 60 * MINUTE;
export const MAX_EXTENDED_IDLE_MINUTES = 8 * 60;
/** The code step and 2FA enrolment: long enough to open an authenticator app, no longer. */
export const STEP_MS: Record<Exclude<SessionStage, 'full'>, number> = { totp: 5 * MINUTE, enrol: 15 * MINUTE, rotate: 15 * MINUTE };
/**
 * The idle expiry is written at most once a minute (not on every request), so a session may end
 * up to a minute before its full idle time: the price of not writing on every read.
 */
export const TOUCH_EVERY_MS = MINUTE;

export const rolesWithExtendedIdle: readonly Role[] = ['teacher', 'enterprise_mentor'];

type TenantPolicy = Pick<Tenant, 'extended_idle_minutes'>;

export function idleMs(role: Role, stage: SessionStage, tenant: TenantPolicy): number {
  if (stage !== 'full') return STEP_MS[stage];
  if (tenant.extended_idle_minutes && rolesWithExtendedIdle.includes(role)) {
    return Math.min(tenant.extended_idle_minutes, MAX_EXTENDED_IDLE_MINUTES) * MINUTE;
  }
  return DEFAULT_IDLE_MS;
}

export const absoluteMs = (stage: SessionStage) => (stage === 'full' ? ABSOLUTE_MS : STEP_MS[stage]);
