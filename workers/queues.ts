// Queue names, job data and the job options every producer uses, so the web process and the
// workers enqueue identically (deterministic ids, same retries).
import type { JobsOptions } from 'bullmq';

export const HOUSEKEEPING_QUEUE = 'housekeeping';
export const EVALUATE_QUEUE = 'evaluate';
export const REMIND_QUEUE = 'remind';
export const DELIVER_QUEUE = 'deliver';
export const REPORT_QUEUE = 'report';
export const ROLLUP_QUEUE = 'rollup';

export interface TenantJob {
  tenantId: string;
}
export interface EvaluateJob extends TenantJob {
  trigger: 'write' | 'schedule' | 'job';
}
export interface ReportJob extends TenantJob {
  year: number;
  lang: 'zh-CN' | 'en';
}
/** One report job per tenant, year and language; removed when done so a later request runs again. */
export const reportJobOptions = (job: ReportJob): JobsOptions => ({
  jobId: `report-${job.tenantId}-${job.year}-${job.lang}`,
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: true,
  removeOnFail: true,
});
/** A rollup of one day (the tenant's local day); the nightly schedule leaves it out (today). */
export interface RollupJob extends TenantJob {
  day?: string;
}
/** On demand: one job per tenant and day while waiting or running; removed when done, so a later request runs again. */
export const rollupJobOptions = (job: Required<RollupJob>): JobsOptions => ({
  jobId: `rollup-${job.tenantId}-${job.day}`,
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
});
export interface DeliverJob extends TenantJob {
  reminderId: string;
}

/** Delivery retries: exponential from this base; Postgres being down is retried the same way. */
export const DELIVER_BACKOFF_MS = 5_000;
/** More than the reminder's own attempt limit, so an outage of the database is outlasted. */
export const DELIVER_JOB_ATTEMPTS = 12;

export const deliverJobOptions = (reminderId: string, backoffMs = DELIVER_BACKOFF_MS): JobsOptions => ({
  jobId: reminderId,
  attempts: DELIVER_JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: backoffMs },
  // The row in Postgres is the record; a completed job is only noise in Redis.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
});

/** Writes within one minute share one evaluation, run just after the minute ends. */
export function evaluationDebounce(tenantId: string, now: number): { jobId: string; delay: number } {
  const minute = Math.floor(now / 60_000);
  return { jobId: `evaluate-${tenantId}-${minute}`, delay: (minute + 1) * 60_000 - now + 500 };
}

export const tenantJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { count: 500 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
};
