// Runs the HTTP server, and with `withWorkers` the workers in the same process (npm start).
// Shuts down on SIGTERM/SIGINT: stop accepting, finish in-flight requests (≤ 10 s), close.
import { serve } from '@hono/node-server';
import { systemClock } from '../core/clock/clock.ts';
import { bootCore } from '../core/boot/boot-core.ts';
import { loadConfigOrExit } from '../core/config/load-or-exit.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, OPERATOR_EMAIL, demoAccounts } from '../core/demo/demo-accounts.ts';
import type { ReadinessCheck } from '../core/http/app-env.ts';
import { createLogger } from '../core/log/logger.ts';
import { isolatedRunner } from '../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../plugins/index.ts';
import { tenantManifests } from '../tenants/index.ts';
import { openRedis } from '../workers/redis-connection.ts';
import { startWorkers, type WorkerRuntime } from '../workers/runtime.ts';
import { bullJobControl } from '../workers/job-control.ts';
import { emailChannel } from '../core/delivery/email.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { registerPoolMetrics } from '../core/db/pool-metrics.ts';
import { createApp } from './app.ts';
import { translate } from './i18n/index.ts';

export async function runServer(options: { withWorkers: boolean }): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const core = await bootCore(config, log, tenantManifests);
  const redis = await openRedis(config, log, { spawnIfMissing: options.withWorkers });
  if (redis.problem) log.warn(redis.problem);

  const metrics = createMetrics();
  // Plugins run in a worker thread that stops one at its time budget; the registry module is
  // loaded there by URL, the same one imported here.
  const policy = {
    registry: policyPlugins,
    runner: isolatedRunner({ registryUrl: new URL('../plugins/index.ts', import.meta.url), budgetMs: config.PLUGIN_TIME_BUDGET_MS, onPluginEvaluated: (id, ms, error) => metrics.observePlugin(id, ms, error) }),
  };
  registerPoolMetrics(metrics.registry, core.database);
  const email = emailChannel(config);
  const jobs = redis.connection ? bullJobControl(redis.connection, config.REDIS_PREFIX) : undefined;
  if (jobs) metrics.setQueueSource(() => jobs.stats());

  let workers: WorkerRuntime | undefined;
  if (options.withWorkers && redis.connection) {
    workers = await startWorkers({
      connection: redis.connection,
      prefix: config.REDIS_PREFIX,
      db: core.database.db,
      tenants: core.tenants,
      clock: systemClock,
      log,
      policy,
      publicUrl: config.PUBLIC_URL,
      email,
      metrics,
      concurrency: config.WORKER_CONCURRENCY,
      deliveryConcurrency: config.DELIVERY_CONCURRENCY,
    });
  }

  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => core.database.ping() }];
  const connection = redis.connection;
  readiness.push({
    name: 'redis',
    check: async () => {
      if (!connection) throw new Error(redis.problem ?? 'no Redis configured');
      await connection.ping();
    },
  });

  const app = createApp({
    config,
    db: core.database.db,
    log,
    clock: systemClock,
    t: translate,
    tenants: core.tenants,
    policy,
    readiness,
    jobs,
    metrics,
    jobsPaused: () => connection === null || connection.status !== 'ready',
  });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = config.PUBLIC_URL === `http://localhost:${config.PORT}` ? `http://localhost:${info.port}` : config.PUBLIC_URL;
    const lines = [`Chanjiao is running at ${url}  (database: ${core.database.kind}, background jobs: ${workers ? 'on' : 'off'})`];
    if (config.DEMO) {
      lines.push(`Demo sign-ins (password ${DEMO_PASSWORD}, TOTP key ${DEMO_TOTP_SECRET}):`, `  ${url}/t/platform/login  ${OPERATOR_EMAIL}`);
      for (const slug of tenantManifests.map((m) => m.slug)) {
        lines.push(`  ${url}/t/${slug}/login  ${demoAccounts(slug).map((a) => a.email).join('  ')}`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    forced.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workers?.close();
    await jobs?.close();
    email?.close();
    await policy.runner.close();
    await redis.close();
    await core.database.close();
    clearTimeout(forced);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
