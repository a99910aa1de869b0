// The `report` queue: generates a tenant's annual report for a year and language and stores it
// (replacing the previous one). Job id per tenant, year and language, so repeated requests while
// one is waiting or running share it.
import { Queue, Worker, type Job } from 'bullmq';
import { localDay } from '../core/clock/clock.ts';
import { coreTranslate } from '../core/i18n/core-translate.ts';
import { tenantPlugins } from '../core/policy-engine/tenant-plugins.ts';
import { generateReport } from '../core/reports/report-store.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { REPORT_QUEUE, type ReportJob } from './queues.ts';
import { tenantById } from './tenant-reminders.ts';
import type { WorkerDeps } from './worker-deps.ts';

export async function processReportJob(deps: WorkerDeps, data: ReportJob) {
  const tenant = await tenantById(deps, data.tenantId);
  if (!tenant) return { skipped: 'no such tenant' };
  const today = localDay(deps.clock.now(), tenant.timezone);
  const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
  const report = await withTenant(deps.db, tenant.id, (tx) =>
    generateReport(tx, tenant, data.year, data.lang, { plugins, registry: deps.policy.registry, t: coreTranslate, today }),
  ).catch(async (error: unknown) => {
    // The failed transaction rolled back its own failure row: record it in a fresh one, then let
    // BullMQ retry (a later success overwrites it).
    await withTenant(deps.db, tenant.id, (tx) =>
      tx.updateTable('reports').set({ status: 'failed', error: (error as Error).message })
        .where('year', '=', data.year).where('lang', '=', data.lang).execute(),
    );
    throw error;
  });
  return { id: report.id, status: report.status };
}

const REPORT_LOCK_MS = 120_000;

export function startReportWorker(deps: WorkerDeps) {
  const { connection, prefix } = deps;
  const queue = new Queue<ReportJob>(REPORT_QUEUE, { connection, prefix });
  // Rendering holds the event loop for a while (charts, the workbook): a long lock, so a busy
  // process is not mistaken for a dead one and the report generated twice.
  const worker = new Worker<ReportJob>(REPORT_QUEUE, (job: Job<ReportJob>) => processReportJob(deps, job.data), {
    connection, prefix, concurrency: 1, lockDuration: REPORT_LOCK_MS,
  });
  return { queue, worker };
}
