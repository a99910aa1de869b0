// `npm run start:worker`: workers only. Needs DATABASE_URL and REDIS_URL; concurrency from
// WORKER_CONCURRENCY / DELIVERY_CONCURRENCY; /metrics on METRICS_PORT when set (needs
// METRICS_TOKEN). SIGTERM lets in-flight jobs finish (or go back to the queue) within 30 s.
import { serve } from '@hono/node-server';
import { bootCore } from '../core/boot/boot-core.ts';
import { systemClock } from '../core/clock/clock.ts';
import { loadConfigOrExit } from '../core/config/load-or-exit.ts';
import { emailChannel } from '../core/delivery/email.ts';
import { createLogger } from '../core/log/logger.ts';
import { registerPoolMetrics } from '../core/db/pool-metrics.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { standaloneMetrics } from '../core/observability/metrics-routes.ts';
import { isolatedRunner } from '../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../plugins/index.ts';
import { tenantManifests } from '../tenants/index.ts';
import { openRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';

const config = loadConfigOrExit();
const log = createLogger(config.LOG_LEVEL);
if (!config.REDIS_URL) {
  process.stderr.write('start:worker needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379, or redis+cluster://h1:7000,h2:7000 for a Redis Cluster).\n');
  process.exit(2);
}
const core = await bootCore(config, log, tenantManifests);
const redis = await openRedis(config, log, { spawnIfMissing: false });
const metrics = createMetrics();
// The pool gauges here too: a worker's pool is as likely to be the bottleneck as the API's.
registerPoolMetrics(metrics.registry, core.database);
const policy = {
  registry: policyPlugins,
  runner: isolatedRunner({ registryUrl: new URL('../plugins/index.ts', import.meta.url), budgetMs: config.PLUGIN_TIME_BUDGET_MS, onPluginEvaluated: (id, ms, error) => metrics.observePlugin(id, ms, error) }),
};
const email = emailChannel(config);
const runtime = await startWorkers({
  connection: redis.connection!,
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
const metricsServer = config.METRICS_PORT
  ? serve({ fetch: standaloneMetrics(metrics, config.METRICS_TOKEN).fetch, port: config.METRICS_PORT, hostname: config.HOST })
  : null;
log.info({ metricsPort: config.METRICS_PORT ?? null }, 'workers started');

const shutdown = async (signal: string) => {
  log.info({ signal }, 'stopping workers');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  metricsServer?.close();
  await runtime.close();
  await policy.runner.close();
  email?.close();
  await redis.close();
  await core.database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
