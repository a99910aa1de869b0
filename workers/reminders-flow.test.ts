// Reminders end to end on real Redis and a real database: schedules and restarts make exactly
// one reminder per period, findings raise and stop reminders through the evaluate job, a failing
// webhook is retried then marked failed, and a Redis that lost everything is reconciled.
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../core/clock/clock.ts';
import { definePolicyPlugin, SDK_VERSION } from '../core/policy/define-policy-plugin.ts';
import { planReminders } from '../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../core/reminders/reminder-fixtures.ts';
import type { Tenant } from '../core/tenancy/schema.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant, makeUser } from '../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import { DELIVER_QUEUE, EVALUATE_QUEUE, REMIND_QUEUE } from './queues.ts';
import { createRedis } from './redis-connection.ts';
import { startWorkers, type WorkerRuntime } from './runtime.ts';
import { privateRedis, TEST_REDIS_URL, testPrefix, testWorkerDeps, waitFor, webhookReceiver } from './test-support.ts';

const titles = { 'zh-CN': '测试', en: 'Test' };
/** Flags every teacher without enterprise practice; reminds their school and the bureau. */
const practicePlugin = definePolicyPlugin({
  id: 'practice-test',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source: { title: '测试', issuer: '测试局', date: '2024-01-01', referenceNumber: null, seedFile: 'test.txt' },
  messages: { none: { 'zh-CN': '没有企业实践', en: 'No practice' } },
  rules: [
    {
      id: 'no-practice',
      title: titles,
      clause: '三(三)10',
      check: (view) => view.teachers.filter((t) => t.practicePeriods.length === 0).map((t) => ({ subject: { type: 'teacher' as const, id: t.id }, severity: 'violation' as const, messageId: 'none' as const })),
    },
  ],
  reminders: [{ id: 'practice-notice', title: { 'zh-CN': '企业实践提醒', en: 'Practice' }, clause: '三(三)10', when: { onFinding: 'no-practice' }, recipients: ['school_admin'] }],
});

let tdb: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
  await tdb.drop();
});
const db = () => tdb.handle.db;

async function withRuntime<T>(connection: Redis, prefix: string, over: Parameters<typeof testWorkerDeps>[4], fn: (rt: WorkerRuntime) => Promise<T>): Promise<T> {
  const rt = await startWorkers(testWorkerDeps(db(), connection, prefix, [reminderTestPlugin, practicePlugin], over));
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

async function runJob(connection: Redis, prefix: string, rt: WorkerRuntime, queue: string, name: string, data: object, jobId: string) {
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(queue, { connection: eventsConnection, prefix });
  try {
    await events.waitUntilReady();
    const job = await rt.queue(queue).add(name, data, { jobId });
    return (await job.waitUntilFinished(events, 20_000)) as Record<string, unknown>;
  } finally {
    await events.close();
    eventsConnection.disconnect();
  }
}

const reminders = (tenant: Tenant) => withTenant(db(), tenant.id, (tx) => tx.selectFrom('reminders').selectAll().orderBy('period').execute());
const notifications = (tenant: Tenant) => withTenant(db(), tenant.id, (tx) => tx.selectFrom('notifications').select(['user_id', 'reminder_id']).execute());
const allSent = (rows: { status: string }[]) => rows.length > 0 && rows.every((r) => r.status === 'sent');
const cleanup = async (prefix: string) => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
};

describe('a calendar reminder', () => {
  it('is made and delivered exactly once per period across restarts and repeated scheduler runs', async () => {
    const prefix = testPrefix();
    const tenant = await makeTenant(db());
    await db().updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'remind-test' }]) }).where('id', '=', tenant.id).execute();
    const admins = [await makeUser(db(), tenant), await makeUser(db(), tenant)];
    const clock = manualClock('2026-03-01T02:00:00Z');
    try {
      for (const run of [1, 2]) {
        await withRuntime(redis, prefix, { clock }, async (rt) => {
          for (const n of [1, 2]) await runJob(redis, prefix, rt, REMIND_QUEUE, 'remind', { tenantId: tenant.id }, `r${run}-${n}`);
          await waitFor(() => reminders(tenant), allSent, 10_000, 'reminders sent');
        });
      }
      expect((await reminders(tenant)).map((r) => [r.reminder_id, r.period])).toEqual([['committee', '2026-1/2']]);
      expect(await notifications(tenant)).toHaveLength(admins.length);

      clock.set('2026-07-02T02:00:00Z');
      await withRuntime(redis, prefix, { clock }, async (rt) => {
        await runJob(redis, prefix, rt, REMIND_QUEUE, 'remind', { tenantId: tenant.id }, 'r3');
        await waitFor(() => reminders(tenant), (rows) => rows.length === 2 && allSent(rows), 10_000, 'second period');
      });
      expect((await reminders(tenant)).map((r) => r.period)).toEqual(['2026-1/2', '2026-2/2']);
      expect(await notifications(tenant)).toHaveLength(2 * admins.length);
    } finally {
      await cleanup(prefix);
    }
  });

  it('has one schedule of each kind per tenant, however many processes start', async () => {
    const prefix = testPrefix();
    const tenant = await makeTenant(db());
    try {
      await withRuntime(redis, prefix, {}, async (a) =>
        withRuntime(redis, prefix, {}, async () => {
          const ids = async (name: string) => (await a.queue(name).getJobSchedulers()).map((s) => s.key).filter((k) => k.includes(tenant.id) || k === 'reconcile');
          expect(await ids(REMIND_QUEUE)).toEqual(expect.arrayContaining([`remind-hourly-${tenant.id}`, 'reconcile']));
          expect((await ids(REMIND_QUEUE)).length).toBe(2);
          expect(await ids(EVALUATE_QUEUE)).toEqual([`evaluate-nightly-${tenant.id}`]);
        }),
      );
    } finally {
      await cleanup(prefix);
    }
  });
});

describe('a finding-driven reminder', () => {
  it('appears when the evaluate job opens the finding and stops once the finding resolves', async () => {
    const prefix = testPrefix();
    const tenant = await makeTenant(db());
    await db().updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'practice-test' }]) }).where('id', '=', tenant.id).execute();
    const school = await makeOrganization(db(), tenant);
    const schoolAdmin = await makeUser(db(), tenant, { role: 'school_admin', organizationId: school.id });
    const [fixed, lazy] = await withTenant(db(), tenant.id, (tx) =>
      tx.insertInto('teachers').values([1, 2].map((n) => ({ tenant_id: tenant.id, school_id: school.id, teacher_number: `T${n}`, name: `教师${n}` }))).returning('id').execute(),
    );
    const clock = manualClock('2026-03-01T02:00:00Z');
    try {
      await withRuntime(redis, prefix, { clock }, async (rt) => {
        await runJob(redis, prefix, rt, EVALUATE_QUEUE, 'evaluate', { tenantId: tenant.id, trigger: 'job' }, 'e1');
        await waitFor(() => reminders(tenant), (rows) => rows.length === 2 && allSent(rows), 10_000, 'two notices');
        expect((await notifications(tenant)).map((n) => n.user_id)).toEqual([schoolAdmin.id, schoolAdmin.id]);

        // The first teacher does practice: the finding resolves. A year on, only the other is recalled.
        await withTenant(db(), tenant.id, (tx) =>
          tx.insertInto('teacher_practice_periods').values({ tenant_id: tenant.id, teacher_id: fixed!.id, enterprise_name: '企业', start_on: '2026-01-05', end_on: '2026-02-20' }).execute(),
        );
        clock.set('2027-01-10T02:00:00Z');
        await runJob(redis, prefix, rt, EVALUATE_QUEUE, 'evaluate', { tenantId: tenant.id, trigger: 'job' }, 'e2');
        await waitFor(() => reminders(tenant), (rows) => rows.length === 3 && allSent(rows), 10_000, 'next year notice');
      });
      const rows = await reminders(tenant);
      expect(rows.filter((r) => r.period === '2027').map((r) => r.subject_id)).toEqual([lazy!.id]);
    } finally {
      await cleanup(prefix);
    }
  });
});

describe('a webhook receiver that keeps failing', () => {
  it('is retried with backoff, then the reminder is marked failed with the error', async () => {
    const prefix = testPrefix();
    const receiver = await webhookReceiver(() => 503);
    const tenant = await makeTenant(db());
    await db().updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'remind-test' }]) }).where('id', '=', tenant.id).execute();
    await withTenant(db(), tenant.id, (tx) => tx.insertInto('delivery_settings').values({ tenant_id: tenant.id, webhooks: JSON.stringify([{ kind: 'json', url: `${receiver.url}/hook` }]) }).execute());
    try {
      await withRuntime(redis, prefix, { clock: manualClock('2026-03-01T02:00:00Z') }, async (rt) => {
        await runJob(redis, prefix, rt, REMIND_QUEUE, 'remind', { tenantId: tenant.id }, 'r1');
        await waitFor(() => reminders(tenant), (rows) => rows[0]?.status === 'failed', 15_000, 'failed');
      });
      const [row] = await reminders(tenant);
      expect([row!.attempts, row!.last_error]).toEqual([3, expect.stringContaining('HTTP 503')]);
      expect(receiver.received.map((r) => r.deliveryId)).toEqual([row!.id, row!.id, row!.id]);
    } finally {
      await receiver.close();
      await cleanup(prefix);
    }
  });
});

describe('a Redis that lost its data', () => {
  it('gets every pending delivery job back from Postgres at worker start: none lost, none doubled', async () => {
    const own = await privateRedis();
    const connection = createRedis(own.url);
    const prefix = testPrefix();
    const receiver = await webhookReceiver();
    try {
      const tenant = await makeTenant(db());
      const admin = await makeUser(db(), tenant);
      await withTenant(db(), tenant.id, (tx) => tx.insertInto('delivery_settings').values({ tenant_id: tenant.id, webhooks: JSON.stringify([{ kind: 'json', url: `${receiver.url}/hook` }]) }).execute());
      const school = await makeOrganization(db(), tenant);
      const subjects = Array.from({ length: 40 }, (_, i) => ({ type: 'agreement', id: `${school.id.slice(0, -3)}${String(i).padStart(3, '0')}` }));
      await openFindings(db(), tenant.id, subjects);
      const { created } = await withTenant(db(), tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
      const deliver = new Queue(DELIVER_QUEUE, { connection, prefix });
      await enqueueDeliveries(deliver, tenant.id, created, { fresh: true });
      expect(await deliver.count()).toBe(created.length);
      await connection.flushall();
      expect(await deliver.count()).toBe(0);
      await deliver.close();

      await withRuntime(connection, prefix, {}, async () => {
        await waitFor(() => reminders(tenant), (rows) => allSent(rows), 15_000, 'all delivered');
      });
      const ids = receiver.received.map((r) => r.deliveryId).sort();
      expect(ids).toEqual([...created].sort());
      expect(await notifications(tenant)).toHaveLength(created.length);
      expect(new Set((await notifications(tenant)).map((n) => n.user_id))).toEqual(new Set([admin.id]));
    } finally {
      await receiver.close();
      connection.disconnect();
      await own.stop();
    }
  });
});
