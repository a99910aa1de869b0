// Reconciliation from Postgres, the source of truth: every reminder row still waiting (or whose
// claim lapsed) gets its delivery job back. Runs at worker start and every few minutes, so a
// Redis that lost its data (FLUSHALL, failover) loses no reminder; job ids keep it from doubling.
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import { defaultDeliveryTuning, type WorkerDeps } from './worker-deps.ts';

export async function reconcileOutbox(deps: WorkerDeps, deliver: Queue): Promise<{ pending: number; requeued: number }> {
  let pending = 0;
  let requeued = 0;
  const backoffMs = deps.delivery?.backoffMs ?? defaultDeliveryTuning.backoffMs;
  for (const tenant of await deps.tenants.all()) {
    const ids = await withTenant(deps.db, tenant.id, (tx) =>
      tx
        .selectFrom('reminders')
        .select('id')
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', sql<Date>`now()`)])]))
        .orderBy('created_at')
        .execute(),
    );
    pending += ids.length;
    requeued += await enqueueDeliveries(deliver, tenant.id, ids.map((r) => r.id), { backoffMs });
  }
  return { pending, requeued };
}
