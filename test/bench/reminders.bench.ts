// reminders_vs_raw_bullmq and reminder_duplicates: 100,000 finding-driven reminders planned into
// the Postgres outbox, queued (addBulk) and delivered to the in-app inbox by the real workers,
// against raw BullMQ add + process of 100,000 no-op jobs on the same Redis and concurrency.
// Interleaved raw, ours, raw, ours …; median of 3 rates. Each round plans a new year's period,
// after one untimed year that gives the outbox a history.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import postgres from 'postgres';
import { manualClock } from '../../core/clock/clock.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { reminderTestPlugin } from '../../core/reminders/reminder-fixtures.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from '../../workers/enqueue-deliveries.ts';
import { DELIVER_QUEUE } from '../../workers/queues.ts';
import { createRedis } from '../../workers/redis-connection.ts';
import { startWorkers } from '../../workers/runtime.ts';
import { TEST_REDIS_URL, testWorkerDeps } from '../../workers/test-support.ts';
import { median, round2 } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

const N = 100_000;
const ROUNDS = 3;
const CONCURRENCY = 200;
const CHUNK = 1_000;

async function drained(queue: Queue): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    // What the periodic reconciliation does for a job that failed for good (e.g. it stalled twice).
    if (c.failed! > 0) await queue.retryJobs({ state: 'failed' });
    if (c.waiting! + c.active! + c.delayed! + c.prioritized! === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function remindersBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 10, DATA_DIR: '/tmp' });
  const redis = createRedis(TEST_REDIS_URL);
  const prefix = `cjbench-${randomBytes(4).toString('hex')}`;
  const clock = manualClock('2026-03-01T02:00:00Z');
  try {
    // One tenant, one recipient, 100,000 open findings of the plugin's finding-driven reminder.
    const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    const [tenant] = await owner<{ id: string }[]>`
      insert into tenants (slug, name_zh, name_en, kind, timezone, plugins) values ('bench', '基准', 'Bench', 'county', 'Asia/Shanghai', '[{"id":"remind-test"}]') returning id`;
    const tenantId = tenant!.id;
    await owner`insert into users (tenant_id, email, display_name, role, password_hash) values (${tenantId}, 'bureau@bench.test', '局', 'bureau_admin', 'x')`;
    await owner`
      insert into findings (tenant_id, plugin_id, plugin_version, rule_id, subject_type, subject_id, severity, message_id, clause, explanation, finding_key, first_seen_at, last_seen_at)
      select ${tenantId}, 'remind-test', '1.0.0', 'remind-test/no-practice', 'tenant', 's' || i, 'violation', 'none', '三(三)10', '{"parameters":[],"facts":{}}',
        'remind-test/no-practice|tenant:s' || i, '2026-01-01', '2026-01-01'
      from generate_series(1, ${N}) i`;
    // A tenant with history, as in production: last year's reminders delivered, and the tables
    // analysed (autovacuum's job on a live system), so the planner knows the outbox's size.
    await owner`
      insert into reminders (tenant_id, plugin_id, reminder_id, kind, subject_type, subject_id, period, title, clause, recipients, status, attempts, sent_at)
      select ${tenantId}, 'remind-test', 'practice-notice', 'finding', 'tenant', 's' || i, '2025', '{"zh-CN":"提醒","en":"Reminder"}', '三(三)10', '{bureau_admin}', 'sent', 1, now()
      from generate_series(1, ${N}) i`;
    await owner`insert into notifications (tenant_id, user_id, reminder_id) select r.tenant_id, u.id, r.id from reminders r cross join users u`;
    await owner`analyze`;
    await owner.end();
    log(`  seeded ${N} open findings`);

    const runtime = await startWorkers(
      testWorkerDeps(handle.db, redis, prefix, [reminderTestPlugin], {
        clock,
        deliveryConcurrency: CONCURRENCY,
        lockDurationMs: 120_000,
        delivery: {},
        reconcileOnStart: false,
      }),
    );
    const deliver = runtime.queue(DELIVER_QUEUE);
    const ours = async (year: number) => {
      const start = performance.now();
      const { created } = await withTenant(handle.db, tenantId, (tx) => planReminders(tx, tenantId, [reminderTestPlugin], `${year}-03-01`));
      const planned = performance.now();
      await enqueueDeliveries(deliver, tenantId, created, { fresh: true });
      await drained(deliver);
      const seconds = (performance.now() - start) / 1000;
      log(`  ours  ${year}: ${created.length} rows planned in ${((planned - start) / 1000).toFixed(1)} s, delivered by ${seconds.toFixed(1)} s: ${Math.round(created.length / seconds)} /s`);
      return created.length / seconds;
    };

    const rawQueue = new Queue('raw', { connection: redis, prefix });
    let done = 0;
    const rawConnection = redis.duplicate();
    const rawWorker = new Worker('raw', async () => undefined, { connection: rawConnection, prefix, concurrency: CONCURRENCY });
    rawWorker.on('completed', () => void done++);
    const raw = async () => {
      done = 0;
      const start = performance.now();
      for (let i = 0; i < N; i += CHUNK) {
        await rawQueue.addBulk(Array.from({ length: Math.min(CHUNK, N - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
      }
      while (done < N) await new Promise((r) => setTimeout(r, 50));
      const seconds = (performance.now() - start) / 1000;
      log(`  raw   BullMQ: ${N} no-op jobs in ${seconds.toFixed(1)} s: ${Math.round(N / seconds)} /s`);
      return N / seconds;
    };


    const rawRates: number[] = [];
    const ourRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rawRates.push(await raw());
      ourRates.push(await ours(2026 + round));
    }
    await rawWorker.close();
    rawConnection.disconnect();
    await rawQueue.close();
    await runtime.close();

    // Duplicates: a reminder planned twice for one period, or a notification beyond one per reminder and recipient.
    const counts = await withTenant(handle.db, tenantId, (tx) =>
      tx
        .selectFrom('reminders')
        .select((eb) => [eb.fn.countAll<string>().as('rows'), eb.fn.count<string>('id').filterWhere('status', '=', 'sent').as('sent')])
        .executeTakeFirstOrThrow(),
    );
    const notes = await withTenant(handle.db, tenantId, (tx) => tx.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
    // Each year also brings the plugin's calendar reminder (one row, one notification).
    const expected = (N + 1) * ROUNDS + N;
    const duplicates = Math.max(0, Number(counts.rows) - expected) + Math.max(0, Number(notes.n) - expected);
    if (Number(counts.sent) !== expected) throw new Error(`only ${counts.sent} of ${expected} reminders were sent`);
    const ratio = round2(median(ourRates) / median(rawRates));
    log(`  reminders ${Math.round(median(ourRates))} /s vs raw BullMQ ${Math.round(median(rawRates))} /s: ${ratio}; duplicates ${duplicates}`);
    return { reminders_vs_raw_bullmq: ratio, reminder_duplicates: duplicates };
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    await redis.quit();
    await handle.close();
    await scratch.drop();
  }
}
