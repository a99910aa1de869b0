// Which metric names core knows, if core/metrics says: targets and reports name metrics by string,
// so a typo would only show as a target that never moves. Optional until core/metrics exports it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.ts';

export interface MetricCatalogue {
  isKnown(name: string): boolean;
  /** Why a name is not known (a bad argument, say), when the catalogue can tell. */
  reason?(name: string): string | undefined;
}

const METRICS_ENTRY = join(ROOT, 'core', 'metrics', 'catalog.ts');

/** The catalogue, or the reason the metric check is skipped. */
export async function loadMetricCatalogue(entry = METRICS_ENTRY): Promise<{ catalogue: MetricCatalogue } | { skipped: string }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch {
    return { skipped: 'metric names not checked: core/metrics/catalog.ts does not load' };
  }
  const { isKnownMetric, resolveMetric, metricNames } = mod;
  if (typeof isKnownMetric === 'function') {
    const reason = (name: string) => {
      try {
        if (typeof resolveMetric === 'function') (resolveMetric as (n: string) => unknown)(name);
      } catch (error) {
        return error instanceof Error ? error.message : undefined;
      }
      return undefined;
    };
    return { catalogue: { isKnown: (name) => Boolean((isKnownMetric as (n: string) => unknown)(name)), reason } };
  }
  if (metricNames instanceof Set || Array.isArray(metricNames)) {
    const names = new Set<unknown>(metricNames);
    // A parameterised name (`agreements.active{mode=…}`) is known when its base name is.
    return { catalogue: { isKnown: (name) => names.has(name) || names.has(name.replace(/\{.*\}$/, '')) } };
  }
  return { skipped: 'metric names not checked: core/metrics exports neither isKnownMetric nor metricNames' };
}
