// Liveness (/healthz: the process answers) and readiness (/readyz: its dependencies answer).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/app-env.ts';

const READY_TIMEOUT_MS = 2_000;

export function healthRoutes(deps: Pick<AppDeps, 'readiness' | 'log'>) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const results = await Promise.all(
        deps.readiness.map(async (probe) => {
          const { name } = probe;
          try {
            await Promise.race([
              probe.check(),
              new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS).unref()),
            ]);
            return { name, ok: true as const };
          } catch (error) {
            deps.log.warn({ check: name, err: error }, 'readiness check failed');
            return { name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      const down = results.filter((r) => !r.ok).map((r) => r.name);
      const checks = Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'down']));
      if (down.length > 0) return c.json({ status: 'unavailable', down, checks }, 503);
      return c.json({ status: 'ok', checks });
    });
}
