// The `evaluate` and `remind` queues. evaluate: a tenant's enabled plugins, then its reminders,
// in one transaction (findings and the reminder rows they raise commit together). remind:
// calendar and finding reminders of one tenant; `reconcile` re-upserts schedules and repairs
// the outbox's jobs from Postgres.
import { Queue, Worker, type Job } from 'bullmq';
import { evaluateEnabled } from '../core/policy-engine/evaluate-enabled.ts';
import { localDay } from '../core/clock/clock.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import { EVALUATE_QUEUE, REMIND_QUEUE, type DeliverJob, type EvaluateJob, type TenantJob } from './queues.ts';
import { reconcileOutbox } from './reconcile.ts';
import { upsertTenantSchedules } from './schedules.ts';
import { planInScope, remindTenant, tenantById } from './tenant-reminders.ts';
import { defaultDeliveryTuning, type WorkerDeps } from './worker-deps.ts';

export function startTenantJobWorkers(deps: WorkerDeps, deliver: Queue<DeliverJob>) {
  const { connection, prefix } = deps;
  const evaluate = new Queue<EvaluateJob>(EVALUATE_QUEUE, { connection, prefix });
  const remind = new Queue<TenantJob>(REMIND_QUEUE, { connection, prefix });
  const lock = deps.lockDurationMs ? { lockDuration: deps.lockDurationMs, stalledInterval: Math.max(500, deps.lockDurationMs / 2) } : {};
  const backoffMs = deps.delivery?.backoffMs ?? defaultDeliveryTuning.backoffMs;

  const evaluateWorker = new Worker<EvaluateJob>(
    EVALUATE_QUEUE,
    async (job: Job<EvaluateJob>) => {
      const tenant = await tenantById(deps, job.data.tenantId);
      if (!tenant) return { skipped: 'no such tenant' };
      const at = localDay(deps.clock.now(), tenant.timezone);
      const { run, planned } = await withTenant(deps.db, tenant.id, async (tx) => {
        const run = await evaluateEnabled(tx, tenant, deps.policy, at, job.data.trigger);
        return { run, planned: await planInScope(tx, tenant, deps) };
      });
      await enqueueDeliveries(deliver as Queue, tenant.id, planned.created, { fresh: true, backoffMs });
      return { at, open: run.open, resolved: run.resolved, errors: run.errors.length, reminders: planned.created.length, cancelled: planned.cancelled };
    },
    { connection, prefix, concurrency: deps.concurrency ?? 2, ...lock },
  );

  const remindWorker = new Worker<TenantJob>(
    REMIND_QUEUE,
    async (job: Job<TenantJob>) => {
      if (job.name === 'reconcile') {
        await upsertTenantSchedules(await deps.tenants.list(), { evaluate, remind });
        return reconcileOutbox(deps, deliver as Queue);
      }
      const tenant = await tenantById(deps, job.data.tenantId);
      if (!tenant) return { skipped: 'no such tenant' };
      const planned = await remindTenant(deps, deliver, tenant);
      return { created: planned.created.length, cancelled: planned.cancelled };
    },
    { connection, prefix, concurrency: deps.concurrency ?? 2, ...lock },
  );
  return { evaluate, remind, workers: [evaluateWorker, remindWorker] };
}
