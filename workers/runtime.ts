// The workers' runtime: BullMQ queues and workers on one Redis connection (server or cluster). Each queue lives in
// its own file; this registry starts them, times their jobs, and at start upserts the tenants'
// schedules and reconciles the reminder outbox from Postgres.
import type { Queue, Worker } from 'bullmq';
import { startDeliverWorker } from './deliver-worker.ts';
import { startHousekeepingWorker } from './housekeeping-worker.ts';
import { startReportWorker } from './report-worker.ts';
import { startRollupWorker } from './rollup-worker.ts';
import { reconcileOutbox } from './reconcile.ts';
import { upsertTenantSchedules } from './schedules.ts';
import { startTenantJobWorkers } from './tenant-job-workers.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { queueStats } from './job-control.ts';
import { queuePrefix } from './redis-connection.ts';

export { HOUSEKEEPING_QUEUE, EVALUATE_QUEUE, REMIND_QUEUE, DELIVER_QUEUE } from './queues.ts';
export type { WorkerDeps } from './worker-deps.ts';

export interface WorkerRuntime {
  queues: Queue[];
  /** By name: housekeeping, evaluate, remind, deliver (and any added later). */
  queue(name: string): Queue;
  /** Finishes in-flight jobs (or hands them back) and closes queues and workers. */
  close(): Promise<void>;
}

export async function startWorkers(given: WorkerDeps): Promise<WorkerRuntime> {
  // On a Redis Cluster every queue's keys must share a slot: the prefix becomes a hash tag.
  const deps: WorkerDeps = { ...given, prefix: queuePrefix(given.prefix, given.connection) };
  const { log } = deps;
  const housekeeping = await startHousekeepingWorker(deps);
  const deliver = startDeliverWorker(deps);
  const tenantJobs = startTenantJobWorkers(deps, deliver.queue);
  const report = startReportWorker(deps);
  const rollup = await startRollupWorker(deps);
  const queues: Queue[] = [housekeeping.queue, tenantJobs.evaluate, tenantJobs.remind, deliver.queue as Queue, report.queue as Queue, rollup.queue as Queue];
  const workers: Worker[] = [housekeeping.worker, ...tenantJobs.workers, deliver.worker, report.worker, rollup.worker] as Worker[];

  for (const worker of workers) {
    const name = worker.name;
    worker.on('completed', (job) => {
      if (job.processedOn && job.finishedOn) deps.metrics?.jobDuration.observe({ queue: name, name: job.name, outcome: 'completed' }, (job.finishedOn - job.processedOn) / 1000);
    });
    worker.on('failed', (job, err) => {
      if (job?.processedOn) deps.metrics?.jobDuration.observe({ queue: name, name: job.name, outcome: 'failed' }, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
      log.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => log.error({ queue: name, err }, 'worker error'));
  }
  deps.metrics?.setQueueSource(() => queueStats(queues, 0));

  if (deps.reconcileOnStart ?? true) {
    await upsertTenantSchedules(await deps.tenants.list(), { evaluate: tenantJobs.evaluate, remind: tenantJobs.remind });
    const result = await reconcileOutbox(deps, deliver.queue as Queue);
    if (result.requeued > 0) log.info(result, 'reconciled the reminder outbox: delivery jobs re-created');
  }

  const byName = new Map(queues.map((q) => [q.name, q]));
  return {
    queues,
    queue(name) {
      const q = byName.get(name);
      if (!q) throw new Error(`no queue ${name}`);
      return q;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
