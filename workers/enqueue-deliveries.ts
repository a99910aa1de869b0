// Makes sure a delivery job exists for each reminder row: added when missing (Redis lost it, or
// it was never added), retried when it failed (e.g. Postgres was down past its attempts), left
// alone when waiting, delayed or active. Row ids are job ids, so this never doubles a job.
import type { Queue } from 'bullmq';
import { deliverJobOptions, type DeliverJob } from './queues.ts';

const CHUNK = 1_000;

/** `fresh`: the rows were just created, so no job can exist yet (skips the lookups). */
export async function enqueueDeliveries(queue: Queue, tenantId: string, ids: readonly string[], options: { fresh?: boolean; backoffMs?: number; delayMs?: number } = {}): Promise<number> {
  let added = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const states = options.fresh ? chunk.map(() => 'unknown') : await Promise.all(chunk.map((id) => queue.getJobState(id)));
    const missing: string[] = [];
    for (const [k, id] of chunk.entries()) {
      const state = states[k];
      if (state === 'unknown') missing.push(id);
      else if (state === 'failed' || state === 'completed') {
        const job = await queue.getJob(id);
        await job?.retry(state).catch(async () => {
          // Removed meanwhile: add it afresh.
          missing.push(id);
        });
      }
    }
    if (missing.length > 0) {
      await queue.addBulk(missing.map((id) => ({ name: 'deliver', data: { tenantId, reminderId: id } satisfies DeliverJob, opts: { ...deliverJobOptions(id, options.backoffMs), ...(options.delayMs ? { delay: options.delayMs } : {}) } })));
      added += missing.length;
    }
  }
  return added;
}
