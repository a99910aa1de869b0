// Gives each request an id, a language and a logger carrying the id; logs it once when done.
import { randomUUID } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { LANG_COOKIE, pickLang } from '../i18n/lang.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

export function requestContext(deps: Pick<AppDeps, 'log'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{8,80}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('lang', pickLang(getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
    const log = deps.log.child({ requestId });
    c.set('log', log);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    if (c.error) log.error({ err: c.error, method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request failed');
    else log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });
}
