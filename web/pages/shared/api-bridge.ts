// Calls the JSON API in-process, inside the page request's own tenant transaction, session and
// language: pages reuse the API's validation, scopes and audit for the few operations whose
// logic lives in a route (evaluations, imports, findings) instead of copying it. No HTTP, no
// second transaction; a refusal comes back as the AppError the route threw.
import { Hono, type Context } from 'hono';
import { tenantApiRoutes } from '../../../core/http/api-routes.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';

type Outer = Context<AppEnv>;
const carried = ['requestId', 'lang', 'log', 'tenant', 'tx', 'auth'] as const;

export type ApiBridge = <T = unknown>(c: Outer, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown) => Promise<{ status: number; body: T; response: Response }>;

export function apiBridge(deps: AppDeps): ApiBridge {
  let inner: Hono<AppEnv & { Bindings: { outer: Outer } }> | undefined;
  const build = () => {
    const app = new Hono<AppEnv & { Bindings: { outer: Outer } }>();
    app.use(async (c, next) => {
      const outer = c.env.outer;
      for (const key of carried) c.set(key, outer.get(key) as never);
      await next();
    });
    app.route('/t/:tenant', tenantApiRoutes(deps));
    // Rethrown, so the page sees the route's AppError itself.
    app.onError((error) => {
      throw error;
    });
    return app;
  };
  const call = async (c: Outer, method: string, path: string, body?: unknown) => {
    inner ??= build();
    const init: RequestInit = { method };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await inner.request(`http://pages.internal/t/${c.get('tenant').slug}${path}`, init, { outer: c });
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('application/json') ? await response.clone().json() : null;
    return { status: response.status, body: parsed, response };
  };
  return call as ApiBridge;
}
