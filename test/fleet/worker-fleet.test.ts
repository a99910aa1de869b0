// Two `start:worker` processes on one PostgreSQL and Redis: schedules registered once, and a
// burst of 10,000 reminders delivered exactly once although one worker gets SIGTERM and the
// other SIGKILL in the middle of it and both are restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../../core/reminders/reminder-fixtures.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from '../../workers/enqueue-deliveries.ts';
import { DELIVER_QUEUE, EVALUATE_QUEUE, REMIND_QUEUE } from '../../workers/queues.ts';
import { createRedis } from '../../workers/redis-connection.ts';
import { TEST_REDIS_URL, testPrefix, waitFor } from '../../workers/test-support.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BURST = 10_000;

let tdb: TestDatabase;
let tenant: Tenant;
const prefix = testPrefix();
const redis = createRedis(TEST_REDIS_URL);
const workers: ChildProcess[] = [];

function startWorker(): Promise<ChildProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_') && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/start-worker.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'test', DATABASE_URL: tdb.ownerUrl!, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('workers started')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start:worker exited with ${code}:\n${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function schedulerIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const name of [REMIND_QUEUE, EVALUATE_QUEUE]) {
    const queue = new Queue(name, { connection: redis, prefix });
    ids.push(...(await queue.getJobSchedulers(0, -1)).map((s) => `${name}/${s.key}`));
    await queue.close();
  }
  return ids.sort();
}

const deliveryCounts = () =>
  withTenant(tdb.handle.db, tenant.id, async (tx) => {
    const r = await sql<{ sent: number; notifications: number; doubled: number }>`
      select (select count(*)::int from reminders where status = 'sent') as sent,
             (select count(*)::int from notifications) as notifications,
             (select count(*)::int from (select reminder_id from notifications group by reminder_id, user_id having count(*) > 1) d) as doubled`.execute(tx);
    return r.rows[0]!;
  });

describe.skipIf(testEngine() !== 'postgres')('two worker processes', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tenant = await makeTenant(tdb.handle.db);
    await makeUser(tdb.handle.db, tenant, { totp: false });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    await redis.quit();
    await tdb?.drop();
  });

  it('register each schedule once, not once per process', async () => {
    await startWorker();
    const once = await schedulerIds();
    await startWorker();
    expect(once.length).toBeGreaterThan(0);
    expect(await schedulerIds()).toEqual(once);
  }, 120_000);

  it(`deliver a burst of ${BURST} reminders exactly once through a SIGTERM, a SIGKILL and restarts`, async () => {
    await openFindings(tdb.handle.db, tenant.id, Array.from({ length: BURST }, (_, i) => ({ type: 'teacher', id: `t${i}` })));
    const { created } = await withTenant(tdb.handle.db, tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));
    expect(created.length).toBeGreaterThanOrEqual(BURST);
    const deliver = new Queue(DELIVER_QUEUE, { connection: redis, prefix });
    try {
      await enqueueDeliveries(deliver, tenant.id, created, { fresh: true, backoffMs: 200 });
      await waitFor(deliveryCounts, (c) => c.sent >= BURST / 5, 120_000, 'a fifth of the burst');

      const [graceful, killed] = [workers[0]!, workers[1]!];
      graceful.kill('SIGTERM');
      killed.kill('SIGKILL');
      expect(await exited(graceful)).toBe(0);
      await exited(killed);
      const midway = await deliveryCounts();
      expect(midway.sent).toBeLessThan(created.length);

      await Promise.all([startWorker(), startWorker()]);
      const done = await waitFor(deliveryCounts, (c) => c.sent === created.length, 240_000, 'every reminder sent');
      expect(done.notifications).toBe(created.length);
      expect(done.doubled).toBe(0);
    } finally {
      await deliver.close();
    }
  }, 420_000);
});
