// Prometheus gauges of the database pool: connections in use and work waiting for one, read at
// scrape time from the dialect's count of queries and open transactions (postgres.js exposes none).
import { Gauge, type Registry } from 'prom-client';
import type { DatabaseHandle } from './open-database.ts';

export function registerPoolMetrics(registry: Registry, handle: Pick<DatabaseHandle, 'pool'>): void {
  new Gauge({
    name: 'chanjiao_db_pool_connections',
    help: 'Database pool: connections in use (state="in_use"), work waiting for one (state="waiting"), and the pool size (state="max").',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = handle.pool?.();
      if (!pool) return;
      this.set({ state: 'in_use' }, Math.min(pool.active, pool.size));
      this.set({ state: 'waiting' }, Math.max(0, pool.active - pool.size));
      this.set({ state: 'max' }, pool.size);
    },
  });
}
