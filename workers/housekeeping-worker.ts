// The `housekeeping` queue: expired sessions of every tenant, hourly.
import { Queue, Worker, type Job } from 'bullmq';
import { expireSessions } from './housekeeping.ts';
import { HOUSEKEEPING_QUEUE } from './queues.ts';
import type { WorkerDeps } from './worker-deps.ts';

export async function startHousekeepingWorker(deps: WorkerDeps) {
  const { connection, prefix } = deps;
  const queue = new Queue(HOUSEKEEPING_QUEUE, { connection, prefix });
  // One scheduler id: every process upserts the same schedule instead of adding its own.
  await queue.upsertJobScheduler('expire-sessions', { every: 60 * 60 * 1000 }, { name: 'expire-sessions', opts: { removeOnComplete: 100, removeOnFail: 500 } });
  const worker = new Worker(
    HOUSEKEEPING_QUEUE,
    async (job: Job) => {
      if (job.name === 'expire-sessions') return { removed: await expireSessions(deps.db, deps.tenants, deps.clock) };
      throw new Error(`unknown housekeeping job ${job.name}`);
    },
    { connection, prefix, concurrency: deps.concurrency ?? 2 },
  );
  return { queue, worker };
}
