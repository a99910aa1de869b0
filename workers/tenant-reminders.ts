// Plans one tenant's reminders for its local today and queues the new rows for delivery, after
// the planning transaction committed (a crash in between is repaired by reconciliation).
import type { Queue } from 'bullmq';
import type { Tx } from '../core/db/database.ts';
import { localDay } from '../core/clock/clock.ts';
import { planReminders, type PlannedReminders } from '../core/reminders/plan-reminders.ts';
import { tenantPlugins } from '../core/policy-engine/tenant-plugins.ts';
import type { Tenant } from '../core/tenancy/schema.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { enqueueDeliveries } from './enqueue-deliveries.ts';
import type { DeliverJob } from './queues.ts';
import { defaultDeliveryTuning, type WorkerDeps } from './worker-deps.ts';

export async function tenantById(deps: Pick<WorkerDeps, 'tenants'>, tenantId: string): Promise<Tenant | undefined> {
  return (await deps.tenants.all()).find((t) => t.id === tenantId);
}

/** Inside a tenant transaction: plan with the tenant's enabled plugins. */
export function planInScope(tx: Tx, tenant: Tenant, deps: Pick<WorkerDeps, 'policy' | 'clock'>): Promise<PlannedReminders> {
  const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
  return planReminders(tx, tenant.id, plugins, localDay(deps.clock.now(), tenant.timezone));
}

export async function remindTenant(deps: WorkerDeps, deliver: Queue<DeliverJob>, tenant: Tenant): Promise<PlannedReminders> {
  const planned = await withTenant(deps.db, tenant.id, (tx) => planInScope(tx, tenant, deps));
  const backoffMs = deps.delivery?.backoffMs ?? defaultDeliveryTuning.backoffMs;
  await enqueueDeliveries(deliver as Queue, tenant.id, planned.created, { fresh: true, backoffMs });
  return planned;
}
