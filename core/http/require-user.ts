// Guards a route: no session → login (pages) or 401 (JSON); a role not listed → 403.
import { createMiddleware } from 'hono/factory';
import { forbidden, unauthenticated } from '../errors/app-error.ts';
import type { Role } from '../users/schema.ts';
import type { AppEnv } from './app-env.ts';

export function requireUser(kind: 'page' | 'api', roles?: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) {
      if (kind === 'api') throw unauthenticated();
      const next = encodeURIComponent(c.req.path);
      return c.redirect(`/t/${c.get('tenant').slug}/login?next=${next}`, 303);
    }
    if (roles && !roles.includes(auth.user.role)) throw forbidden();
    await next();
  });
}
