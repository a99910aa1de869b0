// The sign-in steps after the password as pages under /t/:tenant: /login/code (TOTP or recovery
// code) and /login/enrol (authenticator enrolment, then the recovery codes once).
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser, stagePage } from '../../../core/http/require-user.ts';
import { clientIp } from '../../../core/sessions/client-ip.ts';
import type { SessionStage } from '../../../core/sessions/schema.ts';
import { writeSessionCookie } from '../../../core/sessions/session-cookie.ts';
import { confirmEnrolment, pendingOrNewEnrolment } from '../../../core/two-factor/enrolment.ts';
import { completeSecondFactor } from '../../../core/two-factor/second-factor.ts';
import { pageContext, safeNext } from '../../page-context.ts';
import { CodePage } from './code-page.tsx';
import { EnrolPage, RecoveryCodesPage } from './enrol-page.tsx';

/** Where a sign-in goes once it reached `stage`: the next step's page, or the page asked for. */
export function afterStage(slug: string, stage: SessionStage, next: string): string {
  if (stage === 'full') return next;
  const page = `/t/${slug}${stagePage[stage]}`;
  return stage === 'totp' ? `${page}?next=${encodeURIComponent(next)}` : page;
}

const field = (form: Record<string, unknown>, name: string, max: number) => (typeof form[name] === 'string' ? (form[name]).trim().slice(0, max) : '');

export function authPages(deps: Pick<AppDeps, 'clock' | 'config' | 't'>) {
  const secure = deps.config.secureCookies;
  const client = (c: Context<AppEnv>) => ({ userAgent: c.req.header('user-agent') ?? null, ip: clientIp(c), requestId: c.get('requestId') });
  return new Hono<AppEnv>()
    .get('/login/code', requireUser('page', undefined, { stages: ['totp'], personal: true }), (c) =>
      c.html(<CodePage ctx={pageContext(c, deps.t)} next={safeNext(c.req.query('next'), c.get('tenant').slug)} />),
    )
    .post('/login/code', requireUser('page', undefined, { stages: ['totp'], personal: true }), async (c) => {
      const form = await c.req.parseBody();
      const next = safeNext(form.next, c.get('tenant').slug);
      const code = field(form, 'code', 6);
      const recoveryCode = field(form, 'recoveryCode', 20);
      const now = deps.clock.now();
      const result = await completeSecondFactor(c.get('tx'), {
        tenant: c.get('tenant'),
        pending: c.get('auth')!,
        ...(code ? { code } : { recoveryCode }),
        pii: deps.config.pii,
        now,
        ...client(c),
      });
      if (!result.ok) {
        const key = result.reason === 'rateLimited' ? 'error.loginRateLimited' : 'twoFactor.codeFailed';
        return c.html(<CodePage ctx={pageContext(c, deps.t)} next={next} error={deps.t(c.get('lang'), key)} />, result.reason === 'rateLimited' ? 429 : 401);
      }
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.redirect(afterStage(c.get('tenant').slug, result.stage, next), 303);
    })
    .get('/login/enrol', requireUser('page', undefined, { stages: ['enrol', 'full'], personal: true }), async (c) => {
      const start = await pendingOrNewEnrolment(c.get('tx'), { tenant: c.get('tenant'), session: c.get('auth')!, pii: deps.config.pii });
      c.header('cache-control', 'no-store');
      return c.html(<EnrolPage ctx={pageContext(c, deps.t)} qrSvg={start.qrSvg} secret={start.secret} />);
    })
    .post('/login/enrol', requireUser('page', undefined, { stages: ['enrol', 'full'], personal: true }), async (c) => {
      const form = await c.req.parseBody();
      const now = deps.clock.now();
      const auth = c.get('auth')!;
      const result = await confirmEnrolment(c.get('tx'), { tenant: c.get('tenant'), session: auth, code: field(form, 'code', 6), pii: deps.config.pii, now, ...client(c) });
      c.header('cache-control', 'no-store');
      if (!result.ok) {
        const start = await pendingOrNewEnrolment(c.get('tx'), { tenant: c.get('tenant'), session: auth, pii: deps.config.pii });
        const error = deps.t(c.get('lang'), `twoFactor.${result.reason}`);
        return c.html(<EnrolPage ctx={pageContext(c, deps.t)} qrSvg={start.qrSvg} secret={start.secret} error={error} />, 422);
      }
      if (result.newSession) writeSessionCookie(c, secure, result.newSession.token, result.newSession.absoluteExpiresAt, now);
      const slug = c.get('tenant').slug;
      const next = afterStage(slug, result.newSession?.stage ?? 'full', `/t/${slug}`);
      return c.html(<RecoveryCodesPage ctx={pageContext(c, deps.t)} codes={result.recoveryCodes} next={next} />);
    });
}
