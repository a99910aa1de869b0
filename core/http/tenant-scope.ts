// Under /t/:tenant and /api/v1/t/:tenant: resolves the tenant (unknown → 404), opens the
// request's one tenant transaction, finds the session in it, and keeps it open for the
// handler. A session of another tenant is answered with 404, as if the tenant were not there,
// unless it is a platform operator's under an approved support grant (read-only, audited).
import { createMiddleware } from 'hono/factory';
import { notFound } from '../errors/app-error.ts';
import { readSessionCookie } from '../sessions/session-cookie.ts';
import { validateSession, type ValidSession } from '../sessions/session-service.ts';
import { looksLikeSessionToken, sessionIdOf } from '../sessions/session-token.ts';
import { auditSupportUse, supportSession } from '../support-access/support-session.ts';
import { PLATFORM_SLUG } from '../tenancy/sync-tenants.ts';
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
    let support: ValidSession | null = null;
    const request = `${c.req.method} ${c.req.path}`;

    await withTenant(
      deps.db,
      tenant.id,
      async (tx) => {
        c.set('tx', tx);
        let auth = null;
        if (sessionId && token) {
          const check = await validateSession(tx, tenant, sessionId, now);
          if (check.status === 'foreign') {
            // In this transaction, not through the directory: on the embedded database's one connection a
            // second query outside it would wait for it forever.
            const platform =
              tenant.kind === 'platform' ? undefined : await tx.selectFrom('tenants').select('id').where('slug', '=', PLATFORM_SLUG).executeTakeFirst();
            support = platform ? await supportSession(tx, { tenant, sessionId, foreign: check, platformTenantId: platform.id, now }) : null;
            if (!support) throw notFound();
            await auditSupportUse(tx, support, tenant.id, request, c.get('requestId'));
            auth = support;
          }
          if (check.status === 'valid') auth = check.session;
        }
        c.set('auth', auth);
        await next();
        // Hono has already turned a thrown error into a response; rethrowing rolls the
        // transaction back so a failed request leaves nothing half-written.
        if (c.error) throw c.error;
      },
      sessionId ? { sessionId } : {},
    ).catch(async (error: unknown) => {
      // The rollback took the support audit row with it; a failed read is still a use.
      const used = support;
      if (used) await withTenant(deps.db, tenant.id, (tx) => auditSupportUse(tx, used, tenant.id, request, c.get('requestId')));
      if (error !== c.error) throw error;
    });
  });
}
