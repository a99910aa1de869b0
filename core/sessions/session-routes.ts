// JSON sign-in (password step, then the code step when enrolled), re-authentication, sign-out,
// "who am I" and password change under /api/v1/t/:tenant.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError, unauthenticated } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { errorBody } from '../http/error-body.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { completeSecondFactor } from '../two-factor/second-factor.ts';
import { changePassword } from '../users/change-password.ts';
import { passwordSchema, verifyPassword } from '../users/password.ts';
import { findUserById } from '../users/queries.ts';
import { clientIp } from './client-ip.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { mySessionRoutes } from './my-sessions-routes.ts';
import { clearSessionCookie, writeSessionCookie } from './session-cookie.ts';
import { sessionStages } from './schema.ts';

export const loginSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(256) });
export const codeSchema = z
  .object({ code: z.string().trim().regex(/^\d{6}$/).optional(), recoveryCode: z.string().trim().min(10).max(20).optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), { path: ['code'], params: { key: 'twoFactor.codeOrRecovery' } });
export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema });
const reauthSchema = z.object({ password: z.string().min(1).max(256) });

type Deps = Pick<AppDeps, 'clock' | 'config' | 't'>;

/** A refused sign-in is answered, not thrown: the failure counters must be committed. */
function refuse(c: Context<AppEnv>, deps: Deps, reason: 'invalid' | 'rateLimited') {
  const error = reason === 'rateLimited' ? new AppError('RateLimited', 'error.loginRateLimited') : unauthenticated('error.loginFailed');
  const { status, body } = errorBody(error, c.get('lang'), deps.t, c.get('requestId'));
  return c.json(body, status as 401);
}

const client = (c: Context<AppEnv>) => ({ userAgent: c.req.header('user-agent') ?? null, ip: clientIp(c), requestId: c.get('requestId') });

export function sessionRoutes(deps: Deps) {
  const secure = deps.config.secureCookies;
  return new Hono<AppEnv>()
    .post('/session', async (c) => {
      const input = parseOrThrow(loginSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await login(c.get('tx'), { tenant: c.get('tenant'), ...input, now, ...client(c) });
      if (!result.ok) return refuse(c, deps, result.reason);
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.json({ userId: result.userId, stage: result.stage, expiresAt: result.expiresAt.toISOString() });
    })
    .post('/session/code', requireUser('api', undefined, { stages: ['totp'], personal: true }), async (c) => {
      const input = parseOrThrow(codeSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await completeSecondFactor(c.get('tx'), {
        tenant: c.get('tenant'),
        pending: c.get('auth')!,
        ...input,
        pii: deps.config.pii,
        now,
        ...client(c),
      });
      if (!result.ok) return refuse(c, deps, result.reason);
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.json({ stage: result.stage, expiresAt: result.expiresAt.toISOString(), recoveryCodesLeft: result.recoveryCodesLeft ?? null });
    })
    .post('/session/reauthenticate', requireUser('api', undefined, { personal: true }), async (c) => {
      const input = parseOrThrow(reauthSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const auth = c.get('auth')!;
      const user = await findUserById(c.get('tx'), auth.user.id);
      if (!user || !(await verifyPassword(user.password_hash, input.password))) return refuse(c, deps, 'invalid');
      const now = deps.clock.now();
      await c.get('tx').updateTable('sessions').set({ reauthenticated_at: now }).where('id', '=', auth.id).execute();
      return c.json({ reauthenticatedAt: now.toISOString() });
    })
    .delete('/session', requireUser('api', undefined, { stages: sessionStages, personal: true }), async (c) => {
      await logout(c.get('tx'), c.get('auth')!, c.get('requestId'));
      clearSessionCookie(c, secure);
      return c.body(null, 204);
    })
    .get('/me', requireUser('api', undefined, { stages: sessionStages, personal: true }), (c) => {
      const { user, stage, expiresAt, absoluteExpiresAt, support } = c.get('auth')!;
      return c.json({
        user,
        stage,
        tenant: { slug: c.get('tenant').slug },
        sessionExpiresAt: expiresAt.toISOString(),
        sessionAbsoluteExpiresAt: absoluteExpiresAt.toISOString(),
        support: support ? { grantId: support.grantId, expiresAt: support.expiresAt.toISOString() } : null,
      });
    })
    .put('/me/password', requireUser('api', undefined, { stages: ['full', 'rotate'], personal: true }), async (c) => {
      const input = parseOrThrow(passwordChangeSchema, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await changePassword(c.get('tx'), { tenant: c.get('tenant'), userId: c.get('auth')!.user.id, ...input, now, ...client(c) });
      if (!result.ok) {
        const path = result.reason === 'wrongCurrentPassword' || result.reason === 'samePassword' ? 'currentPassword' : 'newPassword';
        throw new AppError('Invalid', 'error.invalid', [{ path, code: 'custom', message: deps.t(c.get('lang'), `password.${result.reason}`) }]);
      }
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.json({ endedSessions: result.endedSessions });
    })
    .route('/', mySessionRoutes(deps));
}
