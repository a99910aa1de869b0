// The workers' runtime on real Redis: the hourly schedule exists once however many processes
// start, and the housekeeping job really runs against the database.
import { randomBytes } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { createRedis } from './redis-connection.ts';
import { HOUSEKEEPING_QUEUE, startWorkers } from './runtime.ts';
import { testWorkerDeps } from './test-support.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let tdb: TestDatabase;
let redis: ReturnType<typeof createRedis>;
const prefix = `cjtest-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(REDIS_URL);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await tdb.drop();
});

const deps = () => testWorkerDeps(tdb.handle.db, redis, prefix, []);

describe('the workers runtime', () => {
  it('registers the housekeeping schedule once, however many processes start', async () => {
    const first = await startWorkers(deps());
    const second = await startWorkers(deps());
    try {
      const schedulers = await first.queue(HOUSEKEEPING_QUEUE).getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(['expire-sessions']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('runs the session housekeeping job to completion', async () => {
    const runtime = await startWorkers(deps());
    const eventsConnection = createRedis(REDIS_URL);
    const events = new QueueEvents(HOUSEKEEPING_QUEUE, { connection: eventsConnection, prefix });
    try {
      await events.waitUntilReady();
      const job = await runtime.queue(HOUSEKEEPING_QUEUE).add('expire-sessions', {}, { jobId: 'manual-run' });
      const result = await job.waitUntilFinished(events, 15_000);
      expect(result).toEqual({ removed: 0 });
    } finally {
      await events.close();
      await eventsConnection.quit();
      await runtime.close();
    }
  });
});
