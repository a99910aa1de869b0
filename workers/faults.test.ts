// Faults on real PostgreSQL and Redis: a worker process SIGKILLed in the middle of a delivery,
// and PostgreSQL unreachable for a while. Needs TEST_DATABASE_URL (a second process cannot share
// an in-memory PGlite), so it is skipped on PGlite.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../core/db/open-database.ts';
import { planReminders } from '../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../core/reminders/reminder-fixtures.ts';
import type { Tenant } from '../core/tenancy/schema.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import { DELIVER_QUEUE } from './queues.ts';
import { createRedis } from './redis-connection.ts';
import { startWorkers } from './runtime.ts';
import { freePort, TEST_REDIS_URL, testPrefix, testWorkerDeps, waitFor, webhookReceiver } from './test-support.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let tdb: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  if (!onPostgres) return;
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
});
afterAll(async () => {
  if (!onPostgres) return;
  await redis.quit();
  await tdb.drop();
});
const db = () => tdb.handle.db;
const reminders = (tenant: Tenant) => withTenant(db(), tenant.id, (tx) => tx.selectFrom('reminders').selectAll().execute());
const notifications = (tenant: Tenant) => withTenant(db(), tenant.id, (tx) => tx.selectFrom('notifications').selectAll().execute());
const cleanup = async (prefix: string) => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
};

async function tenantWithWebhook(url: string) {
  const tenant = await makeTenant(db());
  await makeUser(db(), tenant);
  await withTenant(db(), tenant.id, (tx) => tx.insertInto('delivery_settings').values({ tenant_id: tenant.id, webhooks: JSON.stringify([{ kind: 'json', url }]) }).execute());
  return tenant;
}

function spawnWorker(prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./test-fault-child.ts', import.meta.url))], {
    env: { ...process.env, CJ_DB_URL: tdb.ownerUrl!, CJ_REDIS_URL: TEST_REDIS_URL, CJ_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker child exited with ${code}`)));
  });
}

describe.skipIf(!onPostgres)('a worker killed in the middle of a delivery', () => {
  it('leaves the reminder to the restarted worker, which delivers it exactly once', async () => {
    const prefix = testPrefix();
    // The first request is held open until the worker is killed; later ones are answered.
    const receiver = await webhookReceiver((_req, seen) => (seen.length === 0 ? 'hang' : 200));
    const tenant = await tenantWithWebhook(`${receiver.url}/hook`);
    const { created } = await withTenant(db(), tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
    const id = created[0]!;
    const deliver = new Queue(DELIVER_QUEUE, { connection: redis, prefix });
    let second: ChildProcess | undefined;
    try {
      const first = await spawnWorker(prefix);
      await enqueueDeliveries(deliver, tenant.id, [id], { fresh: true, backoffMs: 200 });
      await waitFor(async () => receiver.received.length, (n) => n === 1, 20_000, 'the webhook call');
      first.kill('SIGKILL');
      // Killed mid-delivery: the inbox part committed with the claim, the webhook not confirmed.
      expect((await reminders(tenant)).map((r) => r.status)).toEqual(['sending']);
      expect(await notifications(tenant)).toHaveLength(1);

      second = await spawnWorker(prefix);
      await waitFor(() => reminders(tenant), (rows) => rows[0]?.status === 'sent', 30_000, 'delivery after restart');
      // Nothing more arrives, however often the job or reconciliation comes round again.
      await enqueueDeliveries(deliver, tenant.id, [id], { backoffMs: 200 });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(receiver.received.map((r) => [r.deliveryId, r.status])).toEqual([
        [id, 0],
        [id, 200],
      ]);
      expect(await notifications(tenant)).toHaveLength(1);
    } finally {
      second?.kill('SIGKILL');
      await deliver.close();
      await receiver.close();
      await cleanup(prefix);
    }
  }, 90_000);
});

/** A TCP proxy in front of PostgreSQL that the test can take down and bring back. */
async function tcpProxy(targetPort: number) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(targetPort, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await up();
  return { port, up, down };
}

describe.skipIf(!onPostgres)('PostgreSQL unreachable for a while', () => {
  it('makes delivery jobs fail and retry, and every reminder goes out once it is back', async () => {
    const prefix = testPrefix();
    const receiver = await webhookReceiver();
    const target = new URL(tdb.ownerUrl!);
    const proxy = await tcpProxy(Number(target.port || 5432));
    const viaProxy = new URL(tdb.ownerUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const proxied = openPostgres({ DATABASE_URL: viaProxy.toString(), DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
    const runtime = await startWorkers(testWorkerDeps(proxied.db, redis, prefix, []));
    try {
      const tenant = await tenantWithWebhook(`${receiver.url}/hook`);
      await openFindings(db(), tenant.id, Array.from({ length: 10 }, (_, i) => ({ type: 'tenant', id: `s${i}` })));
      const { created } = await withTenant(db(), tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
      await proxy.down();
      await enqueueDeliveries(runtime.queue(DELIVER_QUEUE), tenant.id, created, { fresh: true, backoffMs: 200 });
      const failures = await waitFor(
        async () => (await runtime.queue(DELIVER_QUEUE).getJobs(['delayed', 'wait', 'active', 'failed'])).filter((j) => j.attemptsMade > 0).length,
        (n) => n === created.length,
        20_000,
        'every job to have failed once',
      );
      expect(failures).toBe(created.length);
      expect((await reminders(tenant)).every((r) => r.status === 'pending')).toBe(true);

      await proxy.up();
      await waitFor(() => reminders(tenant), (rows) => rows.every((r) => r.status === 'sent'), 30_000, 'all sent');
      expect(receiver.received.map((r) => r.deliveryId).sort()).toEqual([...created].sort());
      expect(await notifications(tenant)).toHaveLength(created.length);
    } finally {
      await runtime.close();
      await proxied.close();
      await proxy.down();
      await receiver.close();
      await cleanup(prefix);
    }
  }, 90_000);
});
