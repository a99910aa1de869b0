// "My sessions" (ASVS 3.3.4): the signed-in user's active sessions with device, address and last
// activity, and revoking any of them. A session is named by a prefix of its stored hash, which
// can neither be replayed as a cookie nor name another user's session (the query is by user).
import { Hono } from 'hono';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { deviceLabel } from './device-label.ts';
import { clearSessionCookie } from './session-cookie.ts';

export const publicSessionId = (id: string) => id.slice(0, 16);

export function mySessionRoutes(deps: Pick<AppDeps, 'clock' | 'config'>) {
  return new Hono<AppEnv>()
    .get('/me/sessions', requireUser('api', undefined, { personal: true }), async (c) => {
      const auth = c.get('auth')!;
      const now = deps.clock.now();
      const rows = await c
        .get('tx')
        .selectFrom('sessions')
        .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'absolute_expires_at', 'user_agent', 'ip', 'stage'])
        .where('user_id', '=', auth.user.id)
        .where('expires_at', '>', now)
        .where('absolute_expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return c.json({
        items: rows.map((s) => ({
          id: publicSessionId(s.id),
          current: s.id === auth.id,
          device: deviceLabel(s.user_agent),
          userAgent: s.user_agent,
          ip: s.ip,
          stage: s.stage,
          createdAt: s.created_at.toISOString(),
          lastSeenAt: s.last_seen_at.toISOString(),
          expiresAt: new Date(Math.min(s.expires_at.getTime(), s.absolute_expires_at.getTime())).toISOString(),
        })),
      });
    })
    .delete('/me/sessions/:id', requireUser('api', undefined, { personal: true }), async (c) => {
      const auth = c.get('auth')!;
      const prefix = c.req.param('id');
      if (!/^[0-9a-f]{16}$/.test(prefix)) throw notFound();
      const deleted = await c
        .get('tx')
        .deleteFrom('sessions')
        .where('user_id', '=', auth.user.id)
        .where(sql<boolean>`left(id, 16) = ${prefix}`)
        .returning('id')
        .execute();
      if (deleted.length === 0) throw notFound();
      await recordAudit(c.get('tx'), {
        tenantId: c.get('tenant').id,
        actorUserId: auth.user.id,
        action: 'session.revoke',
        entity: 'user',
        entityId: auth.user.id,
        requestId: c.get('requestId'),
      });
      if (deleted.some((d) => d.id === auth.id)) clearSessionCookie(c, deps.config.secureCookies);
      return c.body(null, 204);
    });
}
