// The pages of the shell: landing, sign-in, sign-out, home and account, under /t/:tenant.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { demoAccounts, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../core/demo/demo-accounts.ts';
import { AppError } from '../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../core/http/app-env.ts';
import { requireUser } from '../core/http/require-user.ts';
import { parseOrThrow } from '../core/http/validate.ts';
import { isLang, LANG_COOKIE } from '../core/i18n/lang.ts';
import { clientIp } from '../core/sessions/client-ip.ts';
import { login } from '../core/sessions/login.ts';
import { logout } from '../core/sessions/logout.ts';
import { clearSessionCookie, writeSessionCookie } from '../core/sessions/session-cookie.ts';
import { passwordChangeSchema } from '../core/sessions/session-routes.ts';
import { changePassword } from '../core/users/change-password.ts';
import { pageContext, safeNext } from './page-context.ts';
import { AccountPage } from './pages/account-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { LandingPage } from './pages/landing-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { afterStage, authPages } from './pages/auth/auth-page-routes.tsx';

export interface PageDeps extends Pick<AppDeps, 'clock' | 'config' | 't' | 'tenants'> {
  jobsPaused?: () => boolean;
}

/** Routes without a tenant: the landing page and the language switch. */
export function publicPages(deps: PageDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const ctx = pageContext(c, deps.t);
      const tenants = (await deps.tenants.list()).map((t) => ({
        slug: t.slug,
        name: ctx.lang === 'en' ? t.name_en : t.name_zh,
        kind: ctx.t(`tenantKind.${t.kind}`),
      }));
      return c.html(<LandingPage ctx={ctx} tenants={tenants} />);
    })
    .get('/lang/:lang', (c) => {
      const lang = c.req.param('lang');
      if (isLang(lang)) setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
      const next = c.req.query('next') ?? '/';
      return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/', 303);
    });
}

/** Routes under /t/:tenant; the tenant scope (and its transaction) is already open. */
export function tenantPages(deps: PageDeps) {
  const secure = deps.config.secureCookies;
  const demoHint = (c: Parameters<typeof pageContext>[0]) => {
    if (!deps.config.DEMO) return undefined;
    const emails = demoAccounts(c.get('tenant').slug).map((a) => a.email).join(', ');
    return deps.t(c.get('lang'), 'login.demoHint', { emails, password: DEMO_PASSWORD, secret: DEMO_TOTP_SECRET });
  };
  const tenantName = (c: Parameters<typeof pageContext>[0]) =>
    c.get('lang') === 'en' ? c.get('tenant').name_en : c.get('tenant').name_zh;
  const banner = () => (deps.jobsPaused?.() ? ('banner.jobsPaused' as const) : undefined);

  return new Hono<AppEnv>()
    .get('/login', (c) => {
      const next = safeNext(c.req.query('next'), c.get('tenant').slug);
      if (c.get('auth')) return c.redirect(next, 303);
      return c.html(<LoginPage ctx={pageContext(c, deps.t)} tenantName={tenantName(c)} next={next} demoHint={demoHint(c)} />);
    })
    .post('/login', async (c) => {
      const form = await c.req.parseBody();
      const email = typeof form.email === 'string' ? form.email : '';
      const password = typeof form.password === 'string' ? form.password : '';
      const next = safeNext(form.next, c.get('tenant').slug);
      const now = deps.clock.now();
      const result = await login(c.get('tx'), {
        tenant: c.get('tenant'),
        email: email.slice(0, 254),
        password: password.slice(0, 256),
        now,
        userAgent: c.req.header('user-agent') ?? null,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!result.ok) {
        const error = deps.t(c.get('lang'), result.reason === 'rateLimited' ? 'error.loginRateLimited' : 'error.loginFailed');
        const page = (
          <LoginPage ctx={pageContext(c, deps.t)} tenantName={tenantName(c)} next={next} email={email} error={error} demoHint={demoHint(c)} />
        );
        return c.html(page, result.reason === 'rateLimited' ? 429 : 401);
      }
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.redirect(afterStage(c.get('tenant').slug, result.stage, next), 303);
    })
    .route('/', authPages(deps))
    .post('/logout', async (c) => {
      const auth = c.get('auth');
      if (auth) await logout(c.get('tx'), auth, c.get('requestId'));
      clearSessionCookie(c, secure);
      return c.redirect(`/t/${c.get('tenant').slug}/login`, 303);
    })
    .get('/', requireUser('page', undefined, { personal: true }), (c) => {
      const { user } = c.get('auth')!;
      return c.html(
        <HomePage
          ctx={pageContext(c, deps.t, user.role === 'platform_operator' || user.role === 'bureau_admin' ? banner() : undefined)}
          tenantName={tenantName(c)}
          userName={user.displayName}
          roleLabel={deps.t(c.get('lang'), `role.${user.role}`)}
        />,
      );
    })
    .get('/account', requireUser('page', undefined, { stages: ['full', 'rotate'], personal: true }), (c) => c.html(<AccountPage ctx={pageContext(c, deps.t)} />))
    .post('/account', requireUser('page', undefined, { stages: ['full', 'rotate'], personal: true }), async (c) => {
      const form = await c.req.parseBody();
      let input;
      try {
        input = parseOrThrow(passwordChangeSchema, form, c.get('lang'), deps.t);
      } catch (error) {
        if (error instanceof AppError && error.code === 'Invalid')
          return c.html(<AccountPage ctx={pageContext(c, deps.t)} issues={error.issues} />, 422);
        throw error;
      }
      const now = deps.clock.now();
      const result = await changePassword(c.get('tx'), {
        tenant: c.get('tenant'),
        userId: c.get('auth')!.user.id,
        ...input,
        now,
        userAgent: c.req.header('user-agent') ?? null,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      if (!result.ok) {
        const path = result.reason === 'wrongCurrentPassword' || result.reason === 'samePassword' ? 'currentPassword' : 'newPassword';
        const issues = [{ path, code: 'custom', message: deps.t(c.get('lang'), `password.${result.reason}`) }];
        return c.html(<AccountPage ctx={pageContext(c, deps.t)} issues={issues} />, 422);
      }
      writeSessionCookie(c, secure, result.token, result.absoluteExpiresAt, now);
      return c.html(<AccountPage ctx={pageContext(c, deps.t)} done />);
    });
}
