// Gathers the reminder ids of concurrently running deliver jobs into one call per tenant, so
// many in-app deliveries share one claiming transaction (BullMQ keeps one job per row).
import type { DeliveryOutcome } from '../core/reminders/deliver-reminders.ts';

type Run = (tenantId: string, ids: string[]) => Promise<Map<string, DeliveryOutcome>>;
interface Waiter {
  resolve(outcome: DeliveryOutcome): void;
  reject(error: unknown): void;
}

export interface DeliveryBatcher {
  submit(tenantId: string, reminderId: string): Promise<DeliveryOutcome>;
}

export function deliveryBatcher(run: Run, options: { maxBatch: number; waitMs: number }): DeliveryBatcher {
  const groups = new Map<string, { waiters: Map<string, Waiter[]>; timer: NodeJS.Timeout }>();

  const flush = (tenantId: string) => {
    const group = groups.get(tenantId);
    if (!group) return;
    groups.delete(tenantId);
    clearTimeout(group.timer);
    const ids = [...group.waiters.keys()];
    run(tenantId, ids).then(
      (outcomes) => {
        for (const [id, waiters] of group.waiters) for (const w of waiters) w.resolve(outcomes.get(id) ?? { status: 'skipped' });
      },
      (error: unknown) => {
        for (const waiters of group.waiters.values()) for (const w of waiters) w.reject(error);
      },
    );
  };

  return {
    submit(tenantId, reminderId) {
      return new Promise((resolve, reject) => {
        let group = groups.get(tenantId);
        if (!group) {
          group = { waiters: new Map(), timer: setTimeout(() => flush(tenantId), options.waitMs) };
          groups.set(tenantId, group);
        }
        group.waiters.set(reminderId, [...(group.waiters.get(reminderId) ?? []), { resolve, reject }]);
        if (group.waiters.size >= options.maxBatch) flush(tenantId);
      });
    },
  };
}
