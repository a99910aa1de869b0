// `npm run start:worker`: workers only. Needs DATABASE_URL and REDIS_URL; SIGTERM lets
// in-flight jobs finish (or go back to the queue) within 30 s.
import { bootCore } from '../core/boot/boot-core.ts';
import { systemClock } from '../core/clock/clock.ts';
import { loadConfigOrExit } from '../core/config/load-or-exit.ts';
import { createLogger } from '../core/log/logger.ts';
import { tenantManifests } from '../tenants/index.ts';
import { openRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';

const config = loadConfigOrExit();
const log = createLogger(config.LOG_LEVEL);
if (!config.REDIS_URL) {
  process.stderr.write('start:worker needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379).\n');
  process.exit(2);
}
const core = await bootCore(config, log, tenantManifests);
const redis = await openRedis(config, log, { spawnIfMissing: false });
const runtime = await startWorkers({
  connection: redis.connection!,
  prefix: config.REDIS_PREFIX,
  db: core.database.db,
  tenants: core.tenants,
  clock: systemClock,
  log,
});
log.info('workers started');

const shutdown = async (signal: string) => {
  log.info({ signal }, 'stopping workers');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  await runtime.close();
  await redis.close();
  await core.database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
