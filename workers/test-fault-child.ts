// A worker process for the fault tests (spawned, then SIGKILLed): the real runtime over the test
// database and Redis named in the environment, with short locks so a restart takes over quickly.
import { openPostgres } from '../core/db/open-database.ts';
import { createRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';
import { testWorkerDeps } from './test-support.ts';

const database = openPostgres({ DATABASE_URL: process.env.CJ_DB_URL!, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
const redis = createRedis(process.env.CJ_REDIS_URL!);
// A short claim, so the restarted worker may take the row over soon after the kill.
const delivery = { backoffMs: 200, leaseMs: 1_500, maxAttempts: 3, webhookTimeoutMs: 60_000 };
await startWorkers(testWorkerDeps(database.db, redis, process.env.CJ_PREFIX!, [], { delivery }));
process.stdout.write('ready\n');
