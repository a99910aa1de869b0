// The `deliver` queue: one job per reminder row. Jobs running at the same time are delivered in
// one claiming transaction per tenant; a channel failure is retried with exponential backoff.
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { sendWebhook } from '../core/delivery/webhook.ts';
import { deliverReminders } from '../core/reminders/deliver-reminders.ts';
import { deliveryBatcher } from './delivery-batcher.ts';
import { DELIVER_QUEUE, type DeliverJob } from './queues.ts';
import { defaultDeliveryTuning, type WorkerDeps } from './worker-deps.ts';

export function startDeliverWorker(deps: WorkerDeps) {
  const tuning = { ...defaultDeliveryTuning, ...deps.delivery };
  const { connection, prefix } = deps;
  const queue = new Queue<DeliverJob>(DELIVER_QUEUE, { connection, prefix });
  const slugs = new Map<string, string>();
  const slugOf = async (tenantId: string) => {
    if (!slugs.has(tenantId)) {
      const tenant = (await deps.tenants.all()).find((t) => t.id === tenantId);
      slugs.set(tenantId, tenant?.slug ?? 'unknown');
    }
    return slugs.get(tenantId)!;
  };
  const batcher = deliveryBatcher(
    async (tenantId, ids) =>
      deliverReminders(deps.db, tenantId, ids, {
        channels: { email: deps.email, webhook: (hook, m) => sendWebhook(hook, m, tuning.webhookTimeoutMs) },
        maxAttempts: tuning.maxAttempts,
        leaseMs: tuning.leaseMs,
        publicUrl: deps.publicUrl,
        tenantSlug: await slugOf(tenantId),
        onDelivery: (channel, outcome, count = 1) => deps.metrics?.deliveries.inc({ channel, outcome }, count),
      }),
    { maxBatch: tuning.maxBatch, waitMs: 2 },
  );

  const worker = new Worker<DeliverJob>(
    DELIVER_QUEUE,
    async (job: Job<DeliverJob>, token?: string) => {
      const outcome = await batcher.submit(job.data.tenantId, job.data.reminderId);
      if (outcome.status === 'retry') throw new Error(outcome.error);
      if (outcome.status === 'busy') {
        // Another worker holds the row: look again once its claim lapses, without using an attempt.
        await job.moveToDelayed(outcome.until.getTime() + 100, token);
        throw new DelayedError();
      }
      return { status: outcome.status };
    },
    {
      connection,
      prefix,
      concurrency: deps.deliveryConcurrency ?? 50,
      ...(deps.lockDurationMs ? { lockDuration: deps.lockDurationMs, stalledInterval: Math.max(500, deps.lockDurationMs / 2) } : {}),
    },
  );
  return { queue, worker };
}
