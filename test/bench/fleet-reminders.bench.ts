// fleet_reminder_duplicates: a fleet of 2 `start:api` and 2 `start:worker` processes on one
// PostgreSQL and Redis; a burst of reminders is enqueued twice (as a retrying producer would),
// one worker is SIGKILLed mid-burst and restarted (its jobs go back after their lock), users
// read their inbox through both APIs meanwhile; the figure is the number of notifications that
// reached a user more than once (target 0), with the burst's throughput logged beside it.
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import { openPostgres } from '../../core/db/open-database.ts';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { openFindings, reminderTestPlugin } from '../../core/reminders/reminder-fixtures.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from '../../workers/enqueue-deliveries.ts';
import { DELIVER_QUEUE } from '../../workers/queues.ts';
import { createRedis } from '../../workers/redis-connection.ts';
import { TEST_REDIS_URL, testPrefix, waitFor } from '../../workers/test-support.ts';
import { startApiProcess, type ApiProcess } from '../fleet/api-process.ts';
import { startWorkerProcess, type WorkerProcess } from '../fleet/worker-process.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { createScratchDatabase } from './scratch-database.ts';

const BURST = Number(process.env.FLEET_BURST ?? 10_000);
const PUBLIC_URL = 'http://localhost:8080';

export async function fleetRemindersBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 4, DATA_DIR: '/tmp' });
  const prefix = testPrefix();
  const redis = createRedis(TEST_REDIS_URL);
  const apis: ApiProcess[] = [];
  const workers: WorkerProcess[] = [];
  let reading = true;
  let reads: Promise<number> | undefined;
  try {
    const db = handle.db;
    const tenant = await makeTenant(db);
    // The bureau administrator receives the reminders; a teacher (no second factor required)
    // reads the inbox through the APIs, a stand-in for the users online during the burst.
    await makeUser(db, tenant, { role: 'bureau_admin', totp: false });
    const user = await makeUser(db, tenant, { role: 'teacher', totp: false });
    const env = { DATABASE_URL: scratch.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, PUBLIC_URL };
    const started = performance.now();
    apis.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
    workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
    log(`  2 API + 2 worker processes up in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    await openFindings(db, tenant.id, Array.from({ length: BURST }, (_, i) => ({ type: 'teacher', id: `t${i}` })));
    const { created } = await withTenant(db, tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01'));

    // The teacher reads the inbox through both APIs, alternately, while the burst goes out.
    const signIn = await fetch(`${apis[0]!.origin}/api/v1/t/${tenant.slug}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status}`);
    const cookie = signIn.headers.getSetCookie().find((c) => c.includes('cj_session='))!.split(';')[0]!;
    reads = (async () => {
      let n = 0;
      while (reading) {
        const res = await fetch(`${apis[n % 2]!.origin}/api/v1/t/${tenant.slug}/inbox?limit=50`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`inbox through API ${n % 2}: ${res.status}`);
        await res.arrayBuffer();
        n++;
        await new Promise((r) => setTimeout(r, 200));
      }
      return n;
    })();

    const counts = () =>
      withTenant(db, tenant.id, async (tx) => {
        const r = await sql<{ sent: number; notifications: number; doubled: number }>`
          select (select count(*)::int from reminders where status = 'sent') as sent,
                 (select count(*)::int from notifications) as notifications,
                 (select coalesce(sum(n - 1), 0)::int from (select count(*) as n from notifications group by reminder_id, user_id having count(*) > 1) d) as doubled`.execute(tx);
        return r.rows[0]!;
      });
    const deliver = new Queue(DELIVER_QUEUE, { connection: redis, prefix });
    const burstStarted = performance.now();
    try {
      await enqueueDeliveries(deliver, tenant.id, created, { fresh: true });
      // A producer that retries after a timeout enqueues the same reminders again.
      await enqueueDeliveries(deliver, tenant.id, created);
      await waitFor(counts, (c) => c.sent >= created.length / 4, 600_000, 'a quarter of the burst');
      const killed = workers.shift()!;
      await killed.kill();
      workers.push(await startWorkerProcess(env));
      log('  one worker SIGKILLed at a quarter of the burst and started again');
      const done = await waitFor(counts, (c) => c.sent === created.length, 900_000, 'every reminder sent');
      const seconds = (performance.now() - burstStarted) / 1000;
      log(`  ${created.length} reminders, ${done.notifications} notifications in ${seconds.toFixed(1)} s (${Math.round(created.length / seconds)}/s, a worker restart included); duplicates ${done.doubled} (target 0)`);
      if (done.notifications < created.length) throw new Error(`only ${done.notifications} notifications for ${created.length} reminders`);
      reading = false;
      log(`  inbox read ${await reads} times through the two APIs meanwhile`);
      return { fleet_reminder_duplicates: done.doubled };
    } finally {
      await deliver.close();
    }
  } finally {
    reading = false;
    await reads?.catch(() => undefined);
    await Promise.all([...apis, ...workers].map((p) => p.kill()));
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    await redis.quit();
    await handle.close();
    await scratch.drop();
  }
}
