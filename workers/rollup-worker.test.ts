// The rollup job on real Redis: it snapshots the tenant's metrics for its local day, and a
// second run of the same day changes the same rows instead of adding more.
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../core/clock/clock.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { ROLLUP_QUEUE } from './queues.ts';
import { createRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';
import { TEST_REDIS_URL, testPrefix, testWorkerDeps } from './test-support.ts';

let tdb: TestDatabase;
let redis: Redis;
const prefix = testPrefix();
beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await tdb.drop();
});

describe('the rollup job', () => {
  it("snapshots the tenant's metrics for its local day, once per day", async () => {
    const tenant = await makeTenant(tdb.handle.db);
    await makeOrganization(tdb.handle.db, tenant);
    const runtime = await startWorkers(testWorkerDeps(tdb.handle.db, redis, prefix, [], { clock: manualClock('2026-03-01T20:00:00Z') }));
    const eventsConnection = redis.duplicate();
    const events = new QueueEvents(ROLLUP_QUEUE, { connection: eventsConnection, prefix });
    try {
      await events.waitUntilReady();
      const first = await (await runtime.queue(ROLLUP_QUEUE).add('rollup', { tenantId: tenant.id }, { jobId: 'r1' })).waitUntilFinished(events, 30_000);
      await (await runtime.queue(ROLLUP_QUEUE).add('rollup', { tenantId: tenant.id }, { jobId: 'r2' })).waitUntilFinished(events, 30_000);
      expect(first).toMatchObject({ day: '2026-03-02' });
      const rows = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('metric_snapshots').select(['day']).execute());
      expect(rows.length).toBe((first as { metricRows: number }).metricRows);
      expect(new Set(rows.map((r) => String(r.day).slice(0, 10)))).toEqual(new Set(['2026-03-02']));
    } finally {
      await events.close();
      eventsConnection.disconnect();
      await runtime.close();
    }
  });
});
