// Under /t/:tenant and /api/v1/t/:tenant: resolves the tenant (unknown → 404), opens the
// request's one tenant transaction, finds the session in it, and keeps it open for the
// handler. A session of another tenant is answered with 404, as if the tenant were not there.
import { createMiddleware } from 'hono/factory';
import { notFound } from '../errors/app-error.ts';
import { readSessionCookie, writeSessionCookie } from '../sessions/session-cookie.ts';
import { validateSession } from '../sessions/session-service.ts';
import { looksLikeSessionToken, sessionIdOf } from '../sessions/session-token.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

export function tenantScope(deps: Pick<AppDeps, 'db' | 'tenants' | 'clock' | 'config'>) {
  const secure = deps.config.secureCookies;
  return createMiddleware<AppEnv>(async (c, next) => {
    const tenant = await deps.tenants.bySlug(c.req.param('tenant') ?? '');
    if (!tenant) throw notFound();
    c.set('tenant', tenant);
    const token = readSessionCookie(c, secure);
    const sessionId = looksLikeSessionToken(token) ? sessionIdOf(token) : undefined;
    const now = deps.clock.now();

    await withTenant(
      deps.db,
      tenant.id,
      async (tx) => {
        c.set('tx', tx);
        let auth = null;
        if (sessionId && token) {
          const check = await validateSession(tx, tenant.id, sessionId, now);
          if (check.status === 'foreign') throw notFound();
          if (check.status === 'valid') {
            auth = check.session;
            if (auth.renewed) writeSessionCookie(c, secure, token, auth.expiresAt, now);
          }
        }
        c.set('auth', auth);
        await next();
        // Hono has already turned a thrown error into a response; rethrowing rolls the
        // transaction back so a failed request leaves nothing half-written.
        if (c.error) throw c.error;
      },
      sessionId ? { sessionId } : {},
    ).catch((error: unknown) => {
      if (error !== c.error) throw error;
    });
  });
}
