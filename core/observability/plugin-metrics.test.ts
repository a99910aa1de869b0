// Plugin evaluation time and errors reach the process's metrics through the worker-thread
// runner's onPluginEvaluated hook: one series per plugin, errors counted by kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { evaluateTenant } from '../policy-engine/evaluate-tenant.ts';
import { isolatedRunner, type EvaluationRunner } from '../policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../policy-engine/fixtures/isolation-plugins.ts';
import { createMetrics, type Metrics } from './metrics.ts';

let tdb: TestDatabase;
let runner: EvaluationRunner;
let metrics: Metrics;
beforeAll(async () => {
  tdb = await createTestDatabase();
  metrics = createMetrics({ defaultMetrics: false });
  runner = isolatedRunner({
    registryUrl: new URL('../policy-engine/fixtures/isolation-plugins.ts', import.meta.url),
    budgetMs: 1500,
    onPluginEvaluated: (id, ms, error) => metrics.observePlugin(id, ms, error),
  });
});
afterAll(async () => {
  await runner.close();
  await tdb.drop();
});

describe('plugin metrics', { timeout: 120_000 }, () => {
  it('time every plugin by outcome and count errors per plugin and kind', async () => {
    const tenant = await makeTenant(tdb.handle.db);
    await evaluateTenant(tdb.handle.db, tenant.id, [...policyPlugins.values()], '2026-01-10', { runner });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^chanjiao_plugin_evaluation_duration_seconds_count\{plugin="before",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^chanjiao_plugin_evaluation_duration_seconds_count\{plugin="after",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^chanjiao_plugin_evaluation_duration_seconds_count\{plugin="throws",outcome="error"\} 1$/m);
    expect(text).toMatch(/^chanjiao_plugin_errors_total\{plugin="throws",kind="threw"\} 1$/m);
    expect(text).toMatch(/^chanjiao_plugin_errors_total\{plugin="loops-forever",kind="timeout"\} 1$/m);
    expect(text).not.toMatch(/^chanjiao_plugin_errors_total\{plugin="before"/m);
    // The looping plugin is timed up to its budget, not beyond what it was allowed.
    const loop = /^chanjiao_plugin_evaluation_duration_seconds_sum\{plugin="loops-forever",outcome="error"\} ([\d.]+)$/m.exec(text);
    expect(Number(loop?.[1])).toBeGreaterThanOrEqual(1.4);
  });
});
