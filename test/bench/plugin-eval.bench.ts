// plugin-eval: every plugin of a tenant with 200 schools, 20,000 teachers and 100,000 internships,
// evaluated as production does (worker-thread runner, findings stored), against the time to load
// the data view alone. Medians of 3 after a first run that stores the findings.
import postgres from 'postgres';
import { openPostgres } from '../../core/db/open-database.ts';
import { evaluateInScope } from '../../core/policy-engine/evaluate-tenant.ts';
import { isolatedRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { tenantPlugins } from '../../core/policy-engine/tenant-plugins.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { median } from './interleave.ts';
import { seedPluginEval } from './plugin-eval-seed.ts';
import { createScratchDatabase } from './scratch-database.ts';

const AT = '2026-03-01';

export async function pluginEvalBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase('cj_bench_eval');
  const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
  const runner = isolatedRunner({ registryUrl: new URL('../../plugins/index.ts', import.meta.url), budgetMs: 60_000 });
  let handle: ReturnType<typeof openPostgres> | undefined;
  try {
    const seeded = performance.now();
    const tenantId = await seedPluginEval(owner, [...policyPlugins.keys()], { schools: 200, teachers: 20_000, internships: 100_000 });
    log(`  seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
    const db = handle.db;
    const tenant = await db.selectFrom('tenants').select(['id', 'plugins']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    const set = tenantPlugins(tenant.plugins, policyPlugins);

    const once = async () => {
      const started = performance.now();
      const run = await withTenant(db, tenantId, (tx) => evaluateInScope(tx, tenantId, set.plugins, AT, { configs: set.configs, runner }));
      if (run.errors.length > 0) throw new Error(`plugin errors: ${JSON.stringify(run.errors)}`);
      return { totalS: (performance.now() - started) / 1000, loadMs: run.loadMs, evaluateMs: run.evaluateMs, open: run.open };
    };
    const first = await once();
    log(`  first run (stores ${first.open} findings): ${first.totalS.toFixed(2)} s`);
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const r = await once();
      // load: until the database has handed over the last collection (the worker decodes each as it arrives);
      // plugins: from then until the results are back; store: the rest (findings compared and written, the run recorded).
      log(`  run ${i + 1}: ${r.totalS.toFixed(2)} s (load ${r.loadMs} ms, plugins ${r.evaluateMs} ms, store ${Math.round(r.totalS * 1000 - r.loadMs - r.evaluateMs)} ms)`);
      runs.push(r);
    }
    return {
      plugin_eval_s: Number(median(runs.map((r) => r.totalS)).toFixed(2)),
      plugin_eval_vs_load: Number(median(runs.map((r) => r.evaluateMs / r.loadMs)).toFixed(2)),
    };
  } finally {
    await runner.close();
    await handle?.close();
    await owner.end({ timeout: 5 });
    await scratch.drop();
  }
}
