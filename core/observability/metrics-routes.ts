// GET /metrics (Prometheus text) and the HTTP latency middleware. /metrics answers only a
// `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN it does not exist (404), so
// metrics are never public by accident.
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { AppError, notFound, unauthenticated } from '../errors/app-error.ts';
import { httpStatus } from '../errors/http-status.ts';
import type { Metrics } from './metrics.ts';

export function httpMetrics(metrics: Metrics) {
  return createMiddleware(async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      // The route pattern, not the path: ids in paths would make a series per record.
      const route = c.res.status === 404 ? 'unmatched' : routePath(c, -1);
      metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, (performance.now() - start) / 1000);
    }
  });
}

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function metricsRoutes(metrics: Metrics | undefined, token: string | undefined) {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (!token || !metrics) throw notFound();
    const header = c.req.header('authorization') ?? '';
    if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), token)) throw unauthenticated();
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  });
  return app;
}

/**
 * /metrics alone on its own port (start:worker's METRICS_PORT): without the app's error
 * handler, a refused scrape must still answer 401/404, not 500.
 */
export function standaloneMetrics(metrics: Metrics, token: string | undefined) {
  const app = metricsRoutes(metrics, token);
  app.onError((error, c) => (error instanceof AppError ? c.text(error.code, httpStatus[error.code] as 401) : c.text('Internal', 500)));
  app.notFound((c) => c.text('NotFound', 404));
  return app;
}
