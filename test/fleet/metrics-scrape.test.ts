// Scrapes /metrics of a real `start:api` and a real `start:worker` after some traffic and finds
// every family an operator's dashboard needs, with the labels it groups by (docs/ops/grafana-dashboard.json).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../../core/reminders/reminder-fixtures.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from '../../workers/enqueue-deliveries.ts';
import { DELIVER_QUEUE, EVALUATE_QUEUE, tenantJobOptions } from '../../workers/queues.ts';
import { createRedis } from '../../workers/redis-connection.ts';
import { TEST_REDIS_URL, testPrefix, waitFor } from '../../workers/test-support.ts';
import { makeOrganization, makeTenant, makeUser } from '../support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { startApiProcess, type ApiProcess } from './api-process.ts';
import { freePort } from './ports.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';

const TOKEN = randomBytes(24).toString('hex');
const PLUGIN = 'gaoqing-zbkjxx-2025';
const prefix = testPrefix();
const redis = createRedis(TEST_REDIS_URL);
let tdb: TestDatabase;
let tenant: Tenant;
let api: ApiProcess;
let worker: WorkerProcess;
let workerMetrics: string;
const declared: string[] = [];

const scrape = async (url: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  declared.push(...[...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
  return text;
};
/** The samples of a family, as `name{labels} value` lines. */
const samples = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe.skipIf(testEngine() !== 'postgres')('/metrics of an API and a worker process', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tenant = await makeTenant(tdb.handle.db);
    await tdb.handle.db.updateTable('tenants').set({ plugins: JSON.stringify([{ id: PLUGIN }]) }).where('id', '=', tenant.id).execute();
    await makeOrganization(tdb.handle.db, tenant);
    await makeUser(tdb.handle.db, tenant, { totp: false });
    const env = { DATABASE_URL: tdb.ownerUrl!, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, METRICS_TOKEN: TOKEN };
    const metricsPort = await freePort();
    [api, worker] = await Promise.all([startApiProcess(env), startWorkerProcess({ ...env, METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' })]);
    workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  }, 400_000);
  afterAll(async () => {
    await Promise.all([api?.kill(), worker?.kill()]);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await tdb?.drop();
  });

  it('API: request duration by route and status, pool in use / waiting, queue depth per queue', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${api.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.origin}/api/v1/t/${tenant.slug}/me`)).status).toBe(401);
    const text = await scrape(`${api.origin}/metrics`);
    // The route pattern, not the path: one series per route however many tenants and ids.
    expect(samples(text, 'chanjiao_http_request_duration_seconds_count')).toEqual(
      expect.arrayContaining([
        'chanjiao_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 3',
        'chanjiao_http_request_duration_seconds_count{method="GET",route="/api/v1/t/:tenant/me",status="401"} 1',
      ]),
    );
    for (const state of ['in_use', 'waiting', 'max']) expect(text).toMatch(new RegExp(`^chanjiao_db_pool_connections\\{state="${state}"\\} \\d+$`, 'm'));
    for (const queue of ['deliver', 'evaluate', 'remind', 'rollup', 'report', 'housekeeping']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(text).toMatch(new RegExp(`^chanjiao_queue_jobs\\{queue="${queue}",state="${state}"\\} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^chanjiao_process_cpu_seconds_total /m);
  });

  it('worker: job durations, reminders sent per channel, plugin evaluation time, pool and queue gauges', async () => {
    await openFindings(tdb.handle.db, tenant.id, Array.from({ length: 20 }, (_, i) => ({ type: 'teacher', id: `t${i}` })));
    const { created } = await withTenant(tdb.handle.db, tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
    const deliver = new Queue(DELIVER_QUEUE, { connection: redis, prefix });
    const evaluate = new Queue(EVALUATE_QUEUE, { connection: redis, prefix });
    try {
      await enqueueDeliveries(deliver, tenant.id, created, { fresh: true });
      await evaluate.add('evaluate', { tenantId: tenant.id, trigger: 'job' }, { ...tenantJobOptions, jobId: 'metrics-evaluate' });
      const text = await waitFor(
        () => scrape(workerMetrics),
        (t) => /^chanjiao_job_duration_seconds_count\{queue="evaluate",name="evaluate",outcome="completed"\} 1$/m.test(t) && new RegExp(`^chanjiao_reminder_deliveries_total\\{channel="inbox",outcome="sent"\\} ${created.length}$`, 'm').test(t),
        180_000,
        'deliveries and an evaluation in the worker metrics',
      );
      expect(text).toMatch(/^chanjiao_job_duration_seconds_count\{queue="deliver",name="deliver",outcome="completed"\} \d+$/m);
      expect(text).toMatch(/^chanjiao_job_duration_seconds_count\{queue="evaluate",name="evaluate",outcome="completed"\} 1$/m);
      expect(text).toMatch(/^chanjiao_plugin_evaluation_duration_seconds_count\{plugin="gaoqing-zbkjxx-2025",outcome="ok"\} 1$/m);
      // Declared even before any plugin has failed, so dashboards and alerts find it.
      expect(text).toMatch(/^# TYPE chanjiao_plugin_errors_total counter$/m);
      for (const state of ['in_use', 'waiting', 'max']) expect(text).toMatch(new RegExp(`^chanjiao_db_pool_connections\\{state="${state}"\\} \\d+$`, 'm'));
      expect(text).toMatch(/^chanjiao_queue_jobs\{queue="deliver",state="waiting"\} \d+$/m);
    } finally {
      await deliver.close();
      await evaluate.close();
    }
  }, 240_000);

  it('serves every family the example Grafana dashboard queries', () => {
    const dashboard = readFileSync(new URL('../../docs/ops/grafana-dashboard.json', import.meta.url), 'utf8');
    const queried = new Set([...dashboard.matchAll(/chanjiao_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    expect(queried.size).toBeGreaterThan(8);
    expect([...queried].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('refuses a scrape without the right token', async () => {
    for (const url of [`${api.origin}/metrics`, workerMetrics]) {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    }
  });
});
