// The `deliver` queue: one job per reminder row (job id = row id). Jobs running at the same time
// are delivered together, one claiming transaction per tenant (the inbox is written with the
// claim), then the batch's e-mail and webhooks. A channel failure is retried with exponential backoff.
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { sendWebhook } from '../core/delivery/webhook.ts';
import { deliverReminders, type DeliverOptions, type DeliveryOutcome } from '../core/reminders/deliver-reminders.ts';
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
  const options = async (tenantId: string): Promise<DeliverOptions> => ({
    channels: { email: deps.email, webhook: (hook, m) => sendWebhook(hook, m, tuning.webhookTimeoutMs) },
    maxAttempts: tuning.maxAttempts,
    leaseMs: tuning.leaseMs,
    publicUrl: deps.publicUrl,
    tenantSlug: await slugOf(tenantId),
    onDelivery: (channel, outcome, count = 1) => deps.metrics?.deliveries.inc({ channel, outcome }, count),
  });
  const batcher = deliveryBatcher<DeliveryOutcome>(async (tenantId, ids) => deliverReminders(deps.db, tenantId, ids, await options(tenantId)), {
    maxBatch: tuning.maxBatch,
    maxInFlight: 2,
    waitMs: 2,
    missing: { status: 'skipped' },
  });

  const worker = new Worker<DeliverJob>(
    DELIVER_QUEUE,
    async (job: Job<DeliverJob>, token?: string) => {
      const { tenantId, reminderId } = job.data;
      const outcome = await batcher.submit(tenantId, reminderId);
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
