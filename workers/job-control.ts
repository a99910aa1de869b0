// JobControl over BullMQ for the web layer (npm start and start:api): enqueue evaluations and
// deliveries, read queue counts and failed jobs for the operator, retry a failed job.
import { Queue } from 'bullmq';
import type { JobControl, QueueStats } from '../core/observability/job-control.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import { queuePrefix, type RedisConnection } from './redis-connection.ts';
import { DELIVER_QUEUE, EVALUATE_QUEUE, HOUSEKEEPING_QUEUE, REMIND_QUEUE, REPORT_QUEUE, ROLLUP_QUEUE, evaluationDebounce, reportJobOptions, rollupJobOptions, tenantJobOptions, type EvaluateJob } from './queues.ts';

export const QUEUE_NAMES = [HOUSEKEEPING_QUEUE, EVALUATE_QUEUE, REMIND_QUEUE, DELIVER_QUEUE, REPORT_QUEUE, ROLLUP_QUEUE] as const;

export async function queueStats(queues: readonly Queue[], failedLimit = 20): Promise<QueueStats[]> {
  return Promise.all(
    queues.map(async (q) => {
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'paused', 'prioritized');
      const failed = failedLimit > 0 ? await q.getFailed(0, failedLimit - 1) : [];
      return {
        name: q.name,
        counts: counts as QueueStats['counts'],
        failed: failed.map((j) => ({
          id: j.id ?? '',
          name: j.name,
          tenantId: typeof (j.data as { tenantId?: unknown })?.tenantId === 'string' ? (j.data as { tenantId: string }).tenantId : null,
          failedReason: j.failedReason ?? '',
          attemptsMade: j.attemptsMade,
          failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        })),
      };
    }),
  );
}

export interface BullJobControl extends JobControl {
  close(): Promise<void>;
}

export function bullJobControl(connection: RedisConnection, configuredPrefix: string, now: () => number = Date.now): BullJobControl {
  // The same keys the workers use (hash-tagged on a cluster).
  const prefix = queuePrefix(configuredPrefix, connection);
  const queues = new Map(QUEUE_NAMES.map((name) => [name as string, new Queue(name, { connection, prefix })]));
  const q = (name: string) => queues.get(name)!;
  return {
    async enqueueEvaluation(tenantId) {
      const { jobId, delay } = evaluationDebounce(tenantId, now());
      await q(EVALUATE_QUEUE).add('evaluate', { tenantId, trigger: 'write' } satisfies EvaluateJob, { ...tenantJobOptions, jobId, delay });
    },
    async enqueueDeliveries(tenantId, ids, options) {
      await enqueueDeliveries(q(DELIVER_QUEUE), tenantId, ids, { delayMs: options?.delayMs });
    },
    async enqueueReport(tenantId, year, lang) {
      const job = { tenantId, year, lang };
      await q(REPORT_QUEUE).add('report', job, reportJobOptions(job));
    },
    async enqueueRollup(tenantId, day) {
      const job = { tenantId, day };
      await q(ROLLUP_QUEUE).add('rollup', job, rollupJobOptions(job));
    },
    stats: () => queueStats([...queues.values()]),
    async retryJob(name, jobId) {
      const queue = queues.get(name);
      const job = queue ? await queue.getJob(jobId) : undefined;
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed');
      return true;
    },
    async close() {
      await Promise.all([...queues.values()].map((x) => x.close()));
    },
  };
}
