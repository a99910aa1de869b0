// JSON sign-in, sign-out, "who am I" and password change under /api/v1/t/:tenant.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, unauthenticated } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { errorBody } from '../http/error-body.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { changePassword } from '../users/change-password.ts';
import { passwordSchema } from '../users/password.ts';
import { clientIp } from './client-ip.ts';
import { login } from './login.ts';
import { clearSessionCookie, writeSessionCookie } from './session-cookie.ts';
import { logout } from './logout.ts';

export const loginSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(256) });
export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema });

export function sessionRoutes(deps: Pick<AppDeps, 'clock' | 'config' | 't'>) {
  const secure = deps.config.secureCookies;
  return new Hono<AppEnv>()
    .post('/session', async (c) => {
      const input = parseOrThrow(loginSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await login(c.get('tx'), {
        tenantId: c.get('tenant').id,
        ...input,
        now,
        userAgent: c.req.header('user-agent') ?? null,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!result.ok) {
        // Answered, not thrown: the failed-attempt counter must be committed.
        const { status, body } = errorBody(unauthenticated('error.loginFailed'), c.get('lang'), deps.t, c.get('requestId'));
        return c.json(body, status as 401);
      }
      writeSessionCookie(c, secure, result.token, result.expiresAt, now);
      return c.json({ userId: result.userId, expiresAt: result.expiresAt.toISOString() });
    })
    .delete('/session', requireUser('api'), async (c) => {
      await logout(c.get('tx'), c.get('auth')!, c.get('requestId'));
      clearSessionCookie(c, secure);
      return c.body(null, 204);
    })
    .get('/me', requireUser('api'), (c) => {
      const { user, expiresAt } = c.get('auth')!;
      return c.json({ user, tenant: { slug: c.get('tenant').slug }, sessionExpiresAt: expiresAt.toISOString() });
    })
    .put('/me/password', requireUser('api'), async (c) => {
      const input = parseOrThrow(passwordChangeSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await changePassword(c.get('tx'), {
        tenantId: c.get('tenant').id,
        userId: c.get('auth')!.user.id,
        ...input,
        now,
        userAgent: c.req.header('user-agent') ?? null,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!result.ok) {
        throw new AppError('Invalid', 'error.invalid', [
          { path: 'currentPassword', code: 'custom', message: deps.t(c.get('lang'), `password.${result.reason}`) },
        ]);
      }
      writeSessionCookie(c, secure, result.token, result.expiresAt, now);
      return c.json({ endedSessions: result.endedSessions });
    });
}
