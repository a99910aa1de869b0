// The `rollup` queue: snapshots every metric and target of a tenant for its local day
// (core/targets rollupTenant, idempotent per day). Nightly at 03:00 in each tenant's time zone,
// after the 02:00 evaluation; on demand (POST /rollups through JobControl.enqueueRollup) for a
// given day, one job per tenant and day.
import { Queue, Worker, type Job } from 'bullmq';
import { localDay } from '../core/clock/clock.ts';
import { tenantPlugins } from '../core/policy-engine/tenant-plugins.ts';
import { rollupTenant } from '../core/targets/rollup-tenant.ts';
import { ROLLUP_QUEUE, tenantJobOptions, type RollupJob } from './queues.ts';
import { tenantById } from './tenant-reminders.ts';
import type { WorkerDeps } from './worker-deps.ts';

export async function startRollupWorker(deps: WorkerDeps) {
  const { connection, prefix } = deps;
  const queue = new Queue<RollupJob>(ROLLUP_QUEUE, { connection, prefix });
  if (deps.reconcileOnStart ?? true) {
    for (const tenant of await deps.tenants.list()) {
      await queue.upsertJobScheduler(`rollup-nightly-${tenant.id}`, { pattern: '0 3 * * *', tz: tenant.timezone }, { name: 'rollup', data: { tenantId: tenant.id }, opts: tenantJobOptions });
    }
  }
  const worker = new Worker<RollupJob>(
    ROLLUP_QUEUE,
    async (job: Job<RollupJob>) => {
      const tenant = await tenantById(deps, job.data.tenantId);
      if (!tenant) return { skipped: 'no such tenant' };
      const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
      const result = await rollupTenant(deps.db, tenant.id, job.data.day ?? localDay(deps.clock.now(), tenant.timezone), plugins);
      return { day: result.day, metricRows: result.metricRows, targetRows: result.targetRows, ms: result.ms };
    },
    { connection, prefix, concurrency: 1 },
  );
  return { queue, worker };
}
