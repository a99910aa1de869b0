// Per-tenant schedules, upserted with deterministic ids so any number of processes (and every
// restart) keep exactly one of each: reminders hourly, evaluation nightly at 02:00 in the
// tenant's time zone; and one outbox reconciliation every 5 minutes for the installation.
import type { Queue } from 'bullmq';
import type { Tenant } from '../core/tenancy/schema.ts';
import { tenantJobOptions, type EvaluateJob, type TenantJob } from './queues.ts';

export const RECONCILE_EVERY_MS = 5 * 60_000;

export async function upsertTenantSchedules(tenants: readonly Tenant[], queues: { evaluate: Queue<EvaluateJob>; remind: Queue<TenantJob> }): Promise<void> {
  for (const tenant of tenants) {
    await queues.remind.upsertJobScheduler(`remind-hourly-${tenant.id}`, { pattern: '5 * * * *', tz: tenant.timezone }, { name: 'remind', data: { tenantId: tenant.id }, opts: tenantJobOptions });
    await queues.evaluate.upsertJobScheduler(
      `evaluate-nightly-${tenant.id}`,
      { pattern: '0 2 * * *', tz: tenant.timezone },
      { name: 'evaluate', data: { tenantId: tenant.id, trigger: 'schedule' }, opts: tenantJobOptions },
    );
  }
  await (queues.remind as Queue).upsertJobScheduler('reconcile', { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: {}, opts: tenantJobOptions });
}
