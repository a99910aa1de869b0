// Which metric names core knows, if core/metrics says: targets and reports name metrics by string,
// so a typo would only show as a target that never moves. Optional until core/metrics exports it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.ts';

export interface MetricCatalogue {
  isKnown(name: string): boolean;
}

const METRICS_ENTRY = join(ROOT, 'core', 'metrics', 'index.ts');

/** The catalogue, or the reason the metric check is skipped. */
export async function loadMetricCatalogue(entry = METRICS_ENTRY): Promise<{ catalogue: MetricCatalogue } | { skipped: string }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch {
    return { skipped: 'metric names not checked: core/metrics/index.ts does not load yet' };
  }
  const { isKnownMetric, metricNames } = mod;
  if (typeof isKnownMetric === 'function') return { catalogue: { isKnown: (name) => Boolean((isKnownMetric as (n: string) => unknown)(name)) } };
  if (metricNames instanceof Set || Array.isArray(metricNames)) {
    const names = new Set<unknown>(metricNames);
    // A parameterised name (`agreements.active{mode=…}`) is known when its base name is.
    return { catalogue: { isKnown: (name) => names.has(name) || names.has(name.replace(/\{.*\}$/, '')) } };
  }
  return { skipped: 'metric names not checked: core/metrics exports neither isKnownMetric nor metricNames' };
}
