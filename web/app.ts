// createApp(deps): the whole HTTP surface (health, JSON API, pages, static files) as one Hono
// app with no side effects at import. Tests call app.request(); servers pass it to serve().
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { healthRoutes } from '../core/health/health-routes.ts';
import { httpMetrics, metricsRoutes } from '../core/observability/metrics-routes.ts';
import { evaluateAfterWrites } from '../core/reminders/evaluate-after-writes.ts';
import { apiV1 } from '../core/http/api-routes.ts';
import type { AppDeps, AppEnv } from '../core/http/app-env.ts';
import { errorBody } from '../core/http/error-body.ts';
import { requestContext } from '../core/http/request-context.ts';
import { tenantScope } from '../core/http/tenant-scope.ts';
import { forbidden, notFound } from '../core/errors/app-error.ts';
import { pageContext } from './page-context.ts';
import { publicPages, tenantPages } from './page-routes.tsx';
import { workPages } from './pages/work-pages.tsx';
import { ErrorPage } from './pages/error-page.tsx';
import { staticAssets } from './static-assets.ts';

export interface CreateAppDeps extends AppDeps {
  /** True while background jobs cannot run (no Redis): shown to operators as a banner. */
  jobsPaused?: () => boolean;
}

const JSON_PATHS = new Set(['/healthz', '/readyz']);
const wantsJson = (c: Context) => c.req.path.startsWith('/api/') || JSON_PATHS.has(c.req.path);

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  // On the response's own headers: c.header() after the handler rebuilds the response around a
  // body stream, which took a seventh of a JSON read's CPU.
  c.res.headers.set('Cache-Control', 'no-store');
};

export function createApp(deps: CreateAppDeps) {
  const app = new Hono<AppEnv>();
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;

  if (deps.metrics) app.use(httpMetrics(deps.metrics));
  app.use(requestContext(deps));
  const securityHeaders = {
    strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'same-origin',
  } as const;
  const pageHeaders = secureHeaders({
    ...securityHeaders,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'"],
      // Inline scripts run only with this response's nonce (c.get('secureHeadersNonce')).
      scriptSrc: ["'self'", NONCE],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  });
  // JSON is never rendered as a document: it needs no script nonce (whose random bytes cost every
  // API read), only a policy that lets nothing load or frame it.
  const jsonHeaders = secureHeaders({
    ...securityHeaders,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  });
  app.use((c, next) => (c.req.path.startsWith('/api/') ? jsonHeaders(c, next) : pageHeaders(c, next)));
  // Pages and JSON of a tenant may show personal data: no browser or proxy keeps a copy.
  app.use('/t/*', noStore);
  app.use('/api/*', noStore);
  // A form posted from another site is refused before any handler runs.
  app.use(csrf({ origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin }));
  // hono/csrf looks at form posts only; a JSON write that carries the session cookie must come
  // from our own pages too (Origin, or Sec-Fetch-Site for browsers that omit it).
  app.use(async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || !c.req.header('cookie')) return next();
    const origin = c.req.header('origin');
    const sameSite = origin ? origin === publicOrigin || origin === new URL(c.req.url).origin : c.req.header('sec-fetch-site') === 'same-origin';
    if (!sameSite) throw forbidden('error.crossSite');
    return next();
  });

  app.route('/static', staticAssets());
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps.metrics, deps.config.METRICS_TOKEN));
  app.route('/', publicPages(deps));

  // Around the tenant scope: a write has committed when its evaluation is queued.
  app.use('/api/v1/t/:tenant/*', evaluateAfterWrites(deps));
  app.use('/t/:tenant/*', evaluateAfterWrites(deps));
  const scope = tenantScope(deps);
  app.route('/api/v1', apiV1(deps, scope));
  app.use('/t/:tenant/*', scope);
  // Work pages first: the role's home at /t/:tenant is theirs.
  app.route('/t/:tenant', workPages(deps));
  app.route('/t/:tenant', tenantPages(deps));

  app.notFound(() => {
    throw notFound();
  });

  app.onError((error, c) => {
    const lang = c.get('lang') ?? 'zh-CN';
    const requestId = c.get('requestId') ?? '';
    const { status, body, expected } = errorBody(error, lang, deps.t, requestId);
    if (!expected) (c.get('log') ?? deps.log).error({ err: error, path: c.req.path }, 'unhandled error');
    if (wantsJson(c)) return c.json(body, status as 500);
    return c.html(ErrorPage({ ctx: pageContext(c, deps.t), message: body.message, requestId }), status as 500);
  });

  return app;
}
