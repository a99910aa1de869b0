// What the web layer may ask of the job queues, without knowing BullMQ: enqueue an evaluation or
// deliveries, read queue counts and failed jobs, retry one. workers/job-control.ts implements it.
export interface FailedJob {
  id: string;
  name: string;
  tenantId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

export interface QueueStats {
  name: string;
  counts: Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed' | 'paused' | 'prioritized', number>;
  /** The most recent failed jobs, newest first. */
  failed: FailedJob[];
}

export interface JobControl {
  /** Debounced: writes of one tenant within a minute share one evaluation, run after that minute. */
  enqueueEvaluation(tenantId: string): Promise<void>;
  /** One delivery job per reminder row (job id = row id); a job already queued is left alone. */
  enqueueDeliveries(tenantId: string, reminderIds: readonly string[], options?: { delayMs?: number }): Promise<void>;
  /** The annual report job (one per tenant, year and language); absent: the API generates inline. */
  enqueueReport?(tenantId: string, year: number, lang: 'zh-CN' | 'en'): Promise<void>;
  /**
   * A rollup of the tenant's day on the rollup queue; the job id is the tenant and day, so a request
   * while one is waiting or running joins it. Absent: the API rolls up inline.
   */
  enqueueRollup?(tenantId: string, day: string): Promise<void>;
  stats(): Promise<QueueStats[]>;
  /** False when the queue or job does not exist, or the job is not failed. */
  retryJob(queue: string, jobId: string): Promise<boolean>;
}
