// On a 3-master Redis Cluster, BullMQ queues work when their prefix is hash-tagged (`{…}`): every
// key of a queue then lands in one slot. The workers' real flow runs there, connected the way the
// product connects: REDIS_URL=redis+cluster://… through loadConfig and openRedis.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/log/logger.ts';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../../core/reminders/reminder-fixtures.ts';
import { removeTenantJobs } from '../../core/tenant-lifecycle/remove-tenant-jobs.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from '../../workers/enqueue-deliveries.ts';
import { bullJobControl } from '../../workers/job-control.ts';
import { DELIVER_QUEUE, EVALUATE_QUEUE, REMIND_QUEUE, ROLLUP_QUEUE } from '../../workers/queues.ts';
import { openRedis, parseClusterUrl, queuePrefix, type RedisHandle } from '../../workers/redis-connection.ts';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime.ts';
import { testPrefix, testWorkerDeps, waitFor } from '../../workers/test-support.ts';
import { makeOrganization, makeTenant, makeUser } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startRedisCluster, type RedisCluster } from './redis-cluster.ts';

let cluster: RedisCluster;
const connect = () => new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: null } });
const clusterUrl = () => `redis+cluster://${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;

/** The slots of every key under a prefix, over all masters. */
async function slotsOf(connection: Cluster, prefix: string): Promise<Set<number>> {
  const slots = new Set<number>();
  for (const node of connection.nodes('master')) {
    for (const key of await node.keys(`${prefix}:*`)) slots.add(Number(await node.call('cluster', 'keyslot', key)));
  }
  return slots;
}

describe('REDIS_URL for a cluster', () => {
  it('names the seed nodes, credentials and TLS; plain URLs are not clusters', () => {
    expect(parseClusterUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001,redis-3')).toEqual({
      nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }, { host: 'redis-3', port: 6379 }],
      username: undefined,
      password: undefined,
      tls: false,
    });
    expect(parseClusterUrl('rediss+cluster://app:p%40ss@[::1]:7000')).toEqual({ nodes: [{ host: '::1', port: 7000 }], username: 'app', password: 'p@ss', tls: true });
    expect(parseClusterUrl('redis://127.0.0.1:6379')).toBeNull();
    expect(() => parseClusterUrl('redis+cluster://h1:p1')).toThrow(/not host:port/);
    expect(loadConfig({ REDIS_URL: 'redis+cluster://h1:7000,h2:7000' }).REDIS_URL).toBe('redis+cluster://h1:7000,h2:7000');
    expect(() => loadConfig({ REDIS_URL: 'cluster://h1:7000' })).toThrow(/REDIS_URL/);
  });
});

describe('a 3-master Redis Cluster', () => {
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('spreads slots over three masters', async () => {
    const client = connect();
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      expect(client.nodes('master').length).toBe(3);
    } finally {
      client.disconnect();
    }
  });

  it('runs a BullMQ queue with a hash-tagged prefix: every job processed exactly once, all its keys in one slot', async () => {
    const prefix = `{cj-${randomBytes(4).toString('hex')}}`;
    const connection = connect();
    const queue = new Queue('remind', { connection, prefix });
    const seen = new Map<string, number>();
    const worker = new Worker(
      'remind',
      async (job) => {
        seen.set(job.id!, (seen.get(job.id!) ?? 0) + 1);
      },
      { connection: connect(), prefix, concurrency: 20 },
    );
    try {
      const jobs = Array.from({ length: 500 }, (_, i) => ({ name: 'r', data: { i }, opts: { jobId: `r-${i}` } }));
      await queue.addBulk(jobs);
      // Adding the same ids again must not create new jobs (deterministic ids).
      await queue.addBulk(jobs.slice(0, 100));
      for (let i = 0; i < 300 && seen.size < 500; i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.size).toBe(500);
      expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
      expect((await slotsOf(connection, prefix)).size).toBe(1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);

  it("removes a deleted tenant's queued jobs and only theirs, scanning every master", async () => {
    const connection = connect();
    const prefix = queuePrefix(`cj-${randomBytes(4).toString('hex')}`, connection);
    const queues = ['remind', 'deliver'].map((name) => new Queue(name, { connection, prefix }));
    try {
      for (const queue of queues) {
        await queue.addBulk([
          { name: 'j', data: { tenantId: 'gone' }, opts: { jobId: `${queue.name}-1`, delay: 60_000 } },
          { name: 'j', data: { tenantId: 'gone' }, opts: { jobId: `${queue.name}-2` } },
          { name: 'j', data: { tenantId: 'stays' }, opts: { jobId: `${queue.name}-3` } },
        ]);
      }
      expect(await removeTenantJobs(connection, prefix, 'gone')).toBe(4);
      const left = await Promise.all(queues.map(async (q) => (await q.getJobs(['waiting', 'delayed'])).map((j) => j.data as { tenantId: string })));
      expect(left.flat()).toEqual([{ tenantId: 'stays' }, { tenantId: 'stays' }]);
    } finally {
      for (const queue of queues) {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
      connection.disconnect();
    }
  }, 60_000);

  describe("the workers' flow, connected through REDIS_URL=redis+cluster://…", () => {
    let tdb: TestDatabase;
    const handles: RedisHandle[] = [];
    const runtimes: WorkerRuntime[] = [];
    const prefix = testPrefix();
    const log = createLogger('silent');

    /** One worker process's worth: its own cluster client from the config, its own runtime. */
    async function startNode(): Promise<{ handle: RedisHandle; runtime: WorkerRuntime }> {
      const config = loadConfig({ REDIS_URL: clusterUrl(), REDIS_PREFIX: prefix });
      const handle = await openRedis(config, log, { spawnIfMissing: false });
      handles.push(handle);
      const runtime = await startWorkers(
        testWorkerDeps(tdb.handle.db, handle.connection!, config.REDIS_PREFIX, [reminderTestPlugin], { clock: manualClock('2026-03-01T20:00:00Z') }),
      );
      runtimes.push(runtime);
      return { handle, runtime };
    }

    const schedulerKeys = async (runtime: WorkerRuntime) => {
      const keys: string[] = [];
      for (const name of [REMIND_QUEUE, EVALUATE_QUEUE, ROLLUP_QUEUE]) keys.push(...(await runtime.queue(name).getJobSchedulers(0, -1)).map((s) => `${name}/${s.key}`));
      return keys.sort();
    };

    beforeAll(async () => {
      tdb = await createTestDatabase();
    });
    afterAll(async () => {
      for (const runtime of runtimes) await runtime.close().catch(() => undefined);
      const admin = connect();
      try {
        await new Promise((resolve) => admin.once('ready', resolve));
        for (const node of admin.nodes('master')) {
          const keys = await node.keys(`${queuePrefix(prefix, admin)}:*`);
          if (keys.length > 0) await node.del(...keys);
        }
      } finally {
        admin.disconnect();
      }
      for (const handle of handles) await handle.close();
      await tdb?.drop();
    });

    it('registers schedules once, delivers a burst exactly once across two runtimes, runs a rollup, all in one slot', async () => {
      const tenant = await makeTenant(tdb.handle.db);
      await tdb.handle.db.updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'remind-test' }]) }).where('id', '=', tenant.id).execute();
      await makeOrganization(tdb.handle.db, tenant);
      await makeUser(tdb.handle.db, tenant, { totp: false });

      const first = await startNode();
      expect(first.handle.connection!.isCluster).toBe(true);
      const once = await schedulerKeys(first.runtime);
      expect(once).toEqual(expect.arrayContaining([`${REMIND_QUEUE}/remind-hourly-${tenant.id}`, `${EVALUATE_QUEUE}/evaluate-nightly-${tenant.id}`, `${ROLLUP_QUEUE}/rollup-nightly-${tenant.id}`, `${REMIND_QUEUE}/reconcile`]));
      const second = await startNode();
      expect(await schedulerKeys(second.runtime)).toEqual(once);

      // A burst of reminders, enqueued twice (from both nodes): each delivered once.
      await openFindings(tdb.handle.db, tenant.id, Array.from({ length: 300 }, (_, i) => ({ type: 'teacher', id: `t${i}` })));
      const { created } = await withTenant(tdb.handle.db, tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
      expect(created.length).toBeGreaterThanOrEqual(300);
      await enqueueDeliveries(first.runtime.queue(DELIVER_QUEUE), tenant.id, created, { fresh: true, backoffMs: 200 });
      await enqueueDeliveries(second.runtime.queue(DELIVER_QUEUE), tenant.id, created, { backoffMs: 200 });
      const counts = () =>
        withTenant(tdb.handle.db, tenant.id, async (tx) => ({
          sent: Number((await tx.selectFrom('reminders').where('status', '=', 'sent').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
          notifications: Number((await tx.selectFrom('notifications').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        }));
      const done = await waitFor(counts, (c) => c.sent === created.length, 90_000, 'every reminder sent');
      expect(done.notifications).toBe(created.length);

      // A rollup asked of both nodes for the same day yields one day of snapshots.
      await first.runtime.queue(ROLLUP_QUEUE).add('rollup', { tenantId: tenant.id }, { jobId: 'rollup-a' });
      await second.runtime.queue(ROLLUP_QUEUE).add('rollup', { tenantId: tenant.id }, { jobId: 'rollup-b' });
      for (const id of ['rollup-a', 'rollup-b']) {
        await waitFor(() => first.runtime.queue(ROLLUP_QUEUE).getJobState(id), (s) => s === 'completed' || s === 'failed', 60_000, `rollup ${id}`);
        expect(await first.runtime.queue(ROLLUP_QUEUE).getJobState(id)).toBe('completed');
      }
      const days = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('metric_snapshots').select(['day']).distinct().execute());
      expect(days.map((d) => String(d.day).slice(0, 10))).toEqual(['2026-03-02']);

      // The operator's queue view (the API's job control) reads the same keys on the cluster.
      const jobs = bullJobControl(first.handle.connection!, prefix);
      try {
        const stats = await jobs.stats();
        expect(stats.find((q) => q.name === ROLLUP_QUEUE)?.counts.completed).toBeGreaterThanOrEqual(2);
      } finally {
        await jobs.close();
      }
      const probe = first.handle.connection as Cluster;
      expect((await slotsOf(probe, queuePrefix(prefix, probe))).size).toBe(1);
    }, 180_000);
  });
});
