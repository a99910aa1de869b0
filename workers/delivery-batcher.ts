// Gathers the reminder ids of concurrently running deliver jobs into one claim per tenant, so
// many in-app deliveries share one transaction (BullMQ keeps one job per row). Group commit:
// a batch goes as soon as a tenant has fewer than `maxInFlight` claims running; ids that arrive
// meanwhile wait for the next one, so the busier the queue, the bigger the batch.

type Run<T> = (tenantId: string, ids: string[]) => Promise<Map<string, T>>;
interface Waiter<T> {
  resolve(outcome: T): void;
  reject(error: unknown): void;
}
interface Group<T> {
  waiters: Map<string, Waiter<T>[]>;
  inFlight: number;
  timer: NodeJS.Timeout | null;
}

export interface DeliveryBatcher<T> {
  submit(tenantId: string, reminderId: string): Promise<T>;
}

export interface BatcherOptions<T> {
  maxBatch: number;
  /** Claims of one tenant at once; more would only queue for the same rows' locks and connections. */
  maxInFlight: number;
  /** How long a batch waits for company when nothing else is running (jobs arrive one by one). */
  waitMs: number;
  /** The outcome of an id the run did not answer for. */
  missing: T;
}

export function deliveryBatcher<T>(run: Run<T>, options: BatcherOptions<T>): DeliveryBatcher<T> {
  const groups = new Map<string, Group<T>>();

  const flush = (tenantId: string, group: Group<T>) => {
    if (group.timer) clearTimeout(group.timer);
    group.timer = null;
    if (group.waiters.size === 0) return;
    const batch = new Map([...group.waiters].slice(0, options.maxBatch));
    for (const id of batch.keys()) group.waiters.delete(id);
    group.inFlight++;
    const settle = () => {
      group.inFlight--;
      if (group.waiters.size > 0) flush(tenantId, group);
      else if (group.inFlight === 0) groups.delete(tenantId);
    };
    run(tenantId, [...batch.keys()]).then(
      (outcomes) => {
        settle();
        for (const [id, waiters] of batch) for (const w of waiters) w.resolve(outcomes.get(id) ?? options.missing);
      },
      (error: unknown) => {
        settle();
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      },
    );
    if (group.waiters.size > 0 && group.inFlight < options.maxInFlight) flush(tenantId, group);
  };

  return {
    submit(tenantId, reminderId) {
      return new Promise((resolve, reject) => {
        let group = groups.get(tenantId);
        if (!group) {
          group = { waiters: new Map(), inFlight: 0, timer: null };
          groups.set(tenantId, group);
        }
        group.waiters.set(reminderId, [...(group.waiters.get(reminderId) ?? []), { resolve, reject }]);
        if (group.inFlight >= options.maxInFlight) return; // the running claim's end flushes
        if (group.waiters.size >= options.maxBatch) flush(tenantId, group);
        else if (!group.timer) {
          const g = group;
          g.timer = setTimeout(() => flush(tenantId, g), options.waitMs);
        }
      });
    },
  };
}
