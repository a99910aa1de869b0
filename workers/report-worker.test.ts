// The `report` job on real Redis: POST /reports answers 202 queued when the app has a job queue,
// the worker generates and stores the report, and asking again reuses the same row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyPlugins } from '../plugins/index.ts';
import { apiClient } from '../test/support/api-client.ts';
import { makeTenant } from '../test/support/factories.ts';
import { makeTestApp } from '../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { bullJobControl, type BullJobControl } from './job-control.ts';
import { createRedis } from './redis-connection.ts';
import { startReportWorker } from './report-worker.ts';
import { testPrefix, testWorkerDeps, TEST_REDIS_URL, waitFor } from './test-support.ts';

let tdb: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let jobs: BullJobControl;
let worker: ReturnType<typeof startReportWorker>;
const prefix = testPrefix();

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
  jobs = bullJobControl(redis, prefix);
  worker = startReportWorker(testWorkerDeps(tdb.handle.db, redis, prefix, [...policyPlugins.values()]));
});
afterAll(async () => {
  await worker.worker.close();
  await worker.queue.close();
  await jobs.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await tdb.drop();
});

describe('the report job', () => {
  it('stores a ready report for a request the API queued', async () => {
    const db = tdb.handle.db;
    const { app } = makeTestApp(db, { deps: { jobs } });
    const made = await makeTenant(db);
    const tenant = await db
      .updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'xpcc12-2020', config: {} }]) }).where('id', '=', made.id)
      .returningAll().executeTakeFirstOrThrow();
    const client = await apiClient(app, db, tenant);

    const posted = await client.call('POST', '/reports', { year: 2024, lang: 'zh-CN' });
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ status: 'queued', year: 2024, lang: 'zh-CN' });
    const done = await waitFor(() => client.call('GET', `/reports/${posted.body.id}`), (r) => r.body.status !== 'queued', 30_000, 'the report job');
    expect(done.body).toMatchObject({ status: 'ready', error: null });
    expect(done.body.generatedAt).not.toBeNull();

    const again = await client.call('POST', '/reports', { year: 2024, lang: 'zh-CN' });
    expect(again.body.id).toBe(posted.body.id);
    await waitFor(() => client.call('GET', `/reports/${posted.body.id}`), (r) => r.body.status === 'ready', 30_000, 'the second report job');
    expect((await client.call('GET', '/reports')).body.items).toHaveLength(1);
  });
});
