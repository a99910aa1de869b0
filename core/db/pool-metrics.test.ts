// The pool gauges show the transactions holding connections and the work queued behind them.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import { openPostgres } from './open-database.ts';
import { registerPoolMetrics } from './pool-metrics.ts';

async function gauge(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('chanjiao_db_pool_connections')!.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.state), v.value]));
}

describe.skipIf(testEngine() !== 'postgres')('the database pool gauges', () => {
  it('count transactions in use up to the pool size and the rest as waiting, then drop back to 0', async () => {
    const tdb = await createTestDatabase();
    const handle = openPostgres({ DATABASE_URL: tdb.ownerUrl!, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
    try {
      const tenant = await makeTenant(handle.db);
      const registry = new Registry();
      registerPoolMetrics(registry, handle);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const work = Array.from({ length: 5 }, () => withTenant(handle.db, tenant.id, () => held));
      await new Promise((r) => setTimeout(r, 200));
      expect(await gauge(registry)).toEqual({ in_use: 2, waiting: 3, max: 2 });
      release();
      await Promise.all(work);
      expect(await gauge(registry)).toEqual({ in_use: 0, waiting: 0, max: 2 });
    } finally {
      await handle.close();
      await tdb.drop();
    }
  });
});
