// Every metric a registered plugin names (targets and report sections) is one core computes, with
// valid arguments: a typo in a plugin fails here, not silently in a dashboard.
import { describe, expect, it } from 'vitest';
import { resolveMetric } from '../../core/metrics/catalog.ts';
import { policyPlugins } from '../../plugins/index.ts';

const named = [...policyPlugins.values()].flatMap((p) => [
  ...p.targets.map((t) => ({ plugin: p.id, where: `targets.${t.id}`, metric: t.metric })),
  ...p.reports.flatMap((r) => r.sections.flatMap((s) => s.metrics.map((metric) => ({ plugin: p.id, where: `reports.${r.id}`, metric })))),
]);

describe('plugin metrics', () => {
  it('finds metrics to check', () => {
    expect(named.length).toBeGreaterThan(10);
  });

  it.each(named)('$plugin $where: $metric is in the catalogue', ({ metric }) => {
    expect(() => resolveMetric(metric)).not.toThrow();
  });
});
