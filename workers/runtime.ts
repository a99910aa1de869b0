// The workers' runtime: BullMQ queues and workers on one Redis connection set. Later issues
// add their queues here; each job is idempotent and keyed so that a retry changes nothing.
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock/clock.ts';
import type { Db } from '../core/db/database.ts';
import type { Logger } from '../core/log/logger.ts';
import type { TenantDirectory } from '../core/tenancy/tenant-directory.ts';
import { expireSessions } from './housekeeping.ts';

export interface WorkerDeps {
  connection: Redis;
  prefix: string;
  db: Db;
  tenants: TenantDirectory;
  clock: Clock;
  log: Logger;
  concurrency?: number;
}

export interface WorkerRuntime {
  queues: Queue[];
  /** Finishes in-flight jobs (or hands them back) and closes queues and workers. */
  close(): Promise<void>;
}

export const HOUSEKEEPING_QUEUE = 'housekeeping';

export async function startWorkers(deps: WorkerDeps): Promise<WorkerRuntime> {
  const { connection, prefix, log } = deps;
  const housekeeping = new Queue(HOUSEKEEPING_QUEUE, { connection, prefix });
  // One scheduler id: every process upserts the same schedule instead of adding its own.
  await housekeeping.upsertJobScheduler(
    'expire-sessions',
    { every: 60 * 60 * 1000 },
    { name: 'expire-sessions', opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );

  const worker = new Worker(
    HOUSEKEEPING_QUEUE,
    async (job: Job) => {
      if (job.name === 'expire-sessions') {
        const removed = await expireSessions(deps.db, deps.tenants, deps.clock);
        return { removed };
      }
      throw new Error(`unknown housekeeping job ${job.name}`);
    },
    { connection, prefix, concurrency: deps.concurrency ?? 2 },
  );
  worker.on('failed', (job, err) => log.error({ queue: HOUSEKEEPING_QUEUE, jobId: job?.id, err }, 'job failed'));
  worker.on('error', (err) => log.error({ queue: HOUSEKEEPING_QUEUE, err }, 'worker error'));

  return {
    queues: [housekeeping],
    async close() {
      await worker.close();
      await housekeeping.close();
    },
  };
}
