// Guards a route: no session → login (pages) or 401 (JSON); a sign-in not yet complete → its next
// step (pages) or 403 naming it (JSON); none of the listed roles → 403. A platform operator under
// a support grant may only read, and never the duty routes (users, audit log).
import { createMiddleware } from 'hono/factory';
import { AppError, forbidden, unauthenticated } from '../errors/app-error.ts';
import type { SessionStage } from '../sessions/schema.ts';
import { dutyRoles, type Role } from '../users/schema.ts';
import type { AppEnv } from './app-env.ts';

/** The page each unfinished sign-in is sent to, below /t/:tenant. */
export const stagePage: Record<Exclude<SessionStage, 'full'>, string> = { totp: '/login/code', enrol: '/login/enrol', rotate: '/account' };

const READ_METHODS = new Set(['GET', 'HEAD']);
const isDuty = (r: Role) => (dutyRoles as readonly Role[]).includes(r);

/**
 * `roles` omitted: any business role (duty-only users — a security_admin or audit_admin with no
 * other role — are kept out of business data, 三员分立). `personal`: the user's own account routes,
 * open to every signed-in user. `stages`: the sign-in stages admitted (default: complete only).
 */
export function requireUser(kind: 'page' | 'api', roles?: readonly Role[], options: { stages?: readonly SessionStage[]; personal?: boolean } = {}) {
  const stages = options.stages ?? ['full'];
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) {
      if (kind === 'api') throw unauthenticated();
      const next = encodeURIComponent(c.req.path);
      return c.redirect(`/t/${c.get('tenant').slug}/login?next=${next}`, 303);
    }
    if (!stages.includes(auth.stage)) {
      if (auth.stage === 'full') throw forbidden();
      if (kind === 'page') return c.redirect(`/t/${c.get('tenant').slug}${stagePage[auth.stage]}`, 303);
      throw new AppError('Forbidden', `auth.step.${auth.stage}`, [], { step: auth.stage });
    }
    if (auth.support) {
      if (!READ_METHODS.has(c.req.method)) throw forbidden('supportAccess.readOnly');
      if (roles && roles.some(isDuty)) throw forbidden();
    } else if (roles ? !roles.some((r) => auth.user.roles.includes(r)) : !options.personal && isDuty(auth.user.role)) {
      throw forbidden();
    }
    await next();
  });
}
