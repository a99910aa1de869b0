// The rollup job on real Redis: it snapshots the tenant's metrics for its local day, and a
// second run of the same day changes the same rows instead of adding more; POST /rollups queues
// it (one job per tenant and day) when the app has job queues.
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../core/clock/clock.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { policyPlugins } from '../plugins/index.ts';
import { apiClient } from '../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../test/support/factories.ts';
import { makeTestApp } from '../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { bullJobControl } from './job-control.ts';
import { ROLLUP_QUEUE } from './queues.ts';
import { createRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';
import { TEST_REDIS_URL, testPrefix, testWorkerDeps, waitFor } from './test-support.ts';

let tdb: TestDatabase;
let redis: Redis;
// A queue prefix per test: a test cut off by its timeout leaves workers behind, which must not
// take the next test's jobs.
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = testPrefix();
  prefixes.push(prefix);
  return prefix;
};
beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  await tdb.drop();
});

describe('the rollup job', () => {
  it("snapshots the tenant's metrics for its local day, once per day", async () => {
    const prefix = newPrefix();
    const tenant = await makeTenant(tdb.handle.db);
    await makeOrganization(tdb.handle.db, tenant);
    const runtime = await startWorkers(testWorkerDeps(tdb.handle.db, redis, prefix, [], { clock: manualClock('2026-03-01T20:00:00Z') }));
    // Polled, not awaited through QueueEvents: an event sent before its stream reader starts is lost.
    const finished = async (jobId: string) => {
      const job = await runtime.queue(ROLLUP_QUEUE).add('rollup', { tenantId: tenant.id }, { jobId });
      const done = await waitFor(() => job.getState(), (state) => state === 'completed' || state === 'failed', 60_000, `rollup job ${jobId}`);
      expect(done).toBe('completed');
      return (await Job.fromId(runtime.queue(ROLLUP_QUEUE), jobId))!.returnvalue as { day: string; metricRows: number };
    };
    try {
      const first = await finished('r1');
      await finished('r2');
      expect(first).toMatchObject({ day: '2026-03-02' });
      const rows = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('metric_snapshots').select(['day']).execute());
      expect(rows.length).toBe(first.metricRows);
      expect(new Set(rows.map((r) => String(r.day).slice(0, 10)))).toEqual(new Set(['2026-03-02']));
    } finally {
      await runtime.close();
    }
    // The embedded database serves the runtime's start-up and both rollups on one connection.
  }, 150_000);
});

describe('a rollup asked for through the API', () => {
  it('is queued as one job per tenant and day (202 with where to poll), and the worker writes the snapshots', async () => {
    const prefix = newPrefix();
    const db = tdb.handle.db;
    const made = await makeTenant(db);
    const tenant = await db
      .updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'xpcc12-2020', config: {} }]) }).where('id', '=', made.id)
      .returningAll().executeTakeFirstOrThrow();
    await makeOrganization(db, tenant);
    const jobs = bullJobControl(redis, prefix);
    const { app, clock } = makeTestApp(db, { deps: { jobs } });
    const bureau = await apiClient(app, db, tenant);
    try {
      // No worker yet: both requests find the same waiting job.
      const first = await bureau.call('POST', '/rollups', { day: '2024-06-30' });
      const second = await bureau.call('POST', '/rollups', { day: '2024-06-30' });
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ status: 'queued', day: '2024-06-30', poll: `/api/v1/t/${tenant.slug}/rollups/2024-06-30` });
      expect(second.status).toBe(202);
      const queue = new Queue(ROLLUP_QUEUE, { connection: redis, prefix });
      expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
      await queue.close();
      expect((await bureau.call('GET', '/rollups/2024-06-30')).body.computedAt).toBeNull();

      // The app's clock: on the wall clock's date, housekeeping would end the bureau's session as long expired.
      const runtime = await startWorkers(testWorkerDeps(db, redis, prefix, [...policyPlugins.values()], { reconcileOnStart: false, clock }));
      try {
        const done = await waitFor(() => bureau.call('GET', '/rollups/2024-06-30'), (r) => r.body.computedAt !== null, 60_000, 'the rollup job');
        expect(done.body).toMatchObject({ computedAt: expect.any(String) });
        expect(done.body.metricRows).toBeGreaterThan(0);
        expect(done.body.targetRows).toBeGreaterThan(0);
        const targets = await bureau.call('GET', '/targets?at=2024-06-30');
        expect(targets.body.items.every((t: { source: { kind: string } }) => t.source.kind === 'snapshot')).toBe(true);
      } finally {
        await runtime.close();
      }
    } finally {
      await jobs.close();
    }
  }, 120_000);
});
