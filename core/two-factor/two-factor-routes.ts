// 2FA for the signed-in user: status, enrolment (secret + QR code, then a code to confirm, which
// returns the ten recovery codes once) and new recovery codes. Enrolment is reachable from the
// 'enrol' sign-in stage, which can reach nothing else.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { clientIp } from '../sessions/client-ip.ts';
import { writeSessionCookie } from '../sessions/session-cookie.ts';
import { requires2fa } from '../sessions/sign-in-stage.ts';
import { findUserById } from '../users/queries.ts';
import { verifyPassword } from '../users/password.ts';
import { confirmEnrolment, renewRecoveryCodes, startEnrolment } from './enrolment.ts';
import { remainingRecoveryCodes } from './recovery-codes.ts';

const codeOnly = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
const setupBody = z.object({ password: z.string().min(1).max(256).optional() });

export function twoFactorRoutes(deps: Pick<AppDeps, 'clock' | 'config' | 't'>) {
  const secure = deps.config.secureCookies;
  const wrong = (lang: 'zh-CN' | 'en', key: string, path = 'code') =>
    new AppError('Invalid', 'error.invalid', [{ path, code: 'custom', message: deps.t(lang, key) }]);
  return new Hono<AppEnv>()
    .get('/me/2fa', requireUser('api', undefined, { stages: ['full', 'enrol'], personal: true }), async (c) => {
      const user = await findUserById(c.get('tx'), c.get('auth')!.user.id);
      if (!user) throw new AppError('NotFound', 'error.notFound');
      return c.json({
        enabled: user.totp_enabled_at !== null,
        enabledAt: user.totp_enabled_at?.toISOString() ?? null,
        required: requires2fa(user, c.get('tenant')),
        recoveryCodesLeft: await remainingRecoveryCodes(c.get('tx'), user.id),
      });
    })
    .post('/me/2fa/setup', requireUser('api', undefined, { stages: ['full', 'enrol'], personal: true }), async (c) => {
      const input = parseOrThrow(setupBody, await c.req.json().catch(() => ({})), c.get('lang'), deps.t);
      const auth = c.get('auth')!;
      const user = await findUserById(c.get('tx'), auth.user.id);
      if (!user) throw new AppError('NotFound', 'error.notFound');
      // Replacing a working authenticator needs the password: a stolen session alone cannot.
      if (user.totp_enabled_at && !(input.password && (await verifyPassword(user.password_hash, input.password)))) {
        throw wrong(c.get('lang'), 'password.wrongCurrentPassword', 'password');
      }
      const start = await startEnrolment(c.get('tx'), { tenant: c.get('tenant'), session: auth, pii: deps.config.pii });
      return c.json(start);
    })
    .post('/me/2fa/confirm', requireUser('api', undefined, { stages: ['full', 'enrol'], personal: true }), async (c) => {
      const input = parseOrThrow(codeOnly, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const now = deps.clock.now();
      const result = await confirmEnrolment(c.get('tx'), {
        tenant: c.get('tenant'),
        session: c.get('auth')!,
        code: input.code,
        pii: deps.config.pii,
        now,
        userAgent: c.req.header('user-agent') ?? null,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!result.ok) throw wrong(c.get('lang'), `twoFactor.${result.reason}`);
      if (result.newSession) writeSessionCookie(c, secure, result.newSession.token, result.newSession.absoluteExpiresAt, now);
      return c.json({ recoveryCodes: result.recoveryCodes, endedSessions: result.endedSessions, stage: result.newSession?.stage ?? 'full' });
    })
    .post('/me/2fa/recovery-codes', requireUser('api', undefined, { personal: true }), async (c) => {
      const input = parseOrThrow(codeOnly, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const codes = await renewRecoveryCodes(c.get('tx'), {
        tenant: c.get('tenant'),
        session: c.get('auth')!,
        code: input.code,
        pii: deps.config.pii,
        now: deps.clock.now(),
        requestId: c.get('requestId'),
      });
      if (!codes) throw wrong(c.get('lang'), 'twoFactor.wrongCode');
      return c.json({ recoveryCodes: codes });
    });
}
