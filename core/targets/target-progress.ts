// Progress of plugin targets at a date: the metric's value from the latest tenant-wide snapshot on
// or before the date (if recent enough), else computed live from the records, judged by judgeTarget.
import type { Tx } from '../db/database.ts';
import { resolveMetric } from '../metrics/catalog.ts';
import { computeMetric, metricTenant } from '../metrics/compute-metric.ts';
import { toDay, fromDay } from '../policy/calendar.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { LocalizedText } from '../policy/parameters.ts';
import type { Target } from '../policy/plugin-schema.ts';
import { judgeTarget, type Judgement } from './judge-target.ts';
import type { TargetStatus } from './schema.ts';
import { latestTenantValues, type MetricSnapshot } from './snapshot-reader.ts';

/** A snapshot older than this (in days before `at`) is stale: the value is computed live instead. */
export const DEFAULT_MAX_SNAPSHOT_AGE_DAYS = 7;

export interface TargetProgress {
  pluginId: string;
  targetId: string;
  title: LocalizedText;
  clause: string;
  metric: string;
  goal: number;
  comparison: Target['comparison'];
  deadline: string;
  schedule: Target['schedule'] | null;
  at: string;
  /** Null only when the metric is unknown to this installation (see `problem`). */
  value: number | null;
  /** Where the value came from: a snapshot of that day, or the records now. */
  source: { kind: 'snapshot'; day: string } | { kind: 'live' } | { kind: 'unknown-metric' };
  expected: number | null;
  ratio: number | null;
  met: boolean | null;
  status: TargetStatus | null;
  problem?: string;
}

export interface ProgressOptions {
  tenant?: { id: string; timezone: string };
  maxSnapshotAgeDays?: number;
  /** Skip snapshots: the rollup judges the values it has just computed. */
  values?: ReadonlyMap<string, number>;
}

function describe(plugin: PolicyPlugin, target: Target, at: string): Omit<TargetProgress, 'value' | 'source' | 'expected' | 'ratio' | 'met' | 'status'> {
  return {
    pluginId: plugin.id, targetId: target.id, title: target.title, clause: target.clause, metric: target.metric,
    goal: target.goal, comparison: target.comparison, deadline: target.deadline, schedule: target.schedule ?? null, at,
  };
}

export function progressFrom(plugin: PolicyPlugin, target: Target, at: string, value: number, source: TargetProgress['source']): TargetProgress {
  const j: Judgement = judgeTarget(target, value, at, plugin.source.date);
  return { ...describe(plugin, target, at), value, source, ...j };
}

/** Every target of every plugin given, judged at `at`, in plugin then target order. */
export async function tenantTargetProgress(tx: Tx, plugins: readonly PolicyPlugin[], at: string, options: ProgressOptions = {}): Promise<TargetProgress[]> {
  const targets = plugins.flatMap((plugin) => plugin.targets.map((target) => ({ plugin, target })));
  const known = new Set(targets.map((t) => t.target.metric).filter((m) => isResolvable(m)));
  const notBefore = fromDay(toDay(at) - (options.maxSnapshotAgeDays ?? DEFAULT_MAX_SNAPSHOT_AGE_DAYS));
  const snapshots: Map<string, MetricSnapshot> = options.values ? new Map<string, MetricSnapshot>() : await latestTenantValues(tx, [...known], at, notBefore);
  const live = new Map<string, number>(options.values ?? []);
  let tenant = options.tenant;
  for (const metric of known) {
    if (live.has(metric) || snapshots.has(metric)) continue;
    tenant ??= await metricTenant(tx);
    live.set(metric, (await computeMetric(tx, metric, { at, tenant })) ?? 0);
  }
  return targets.map(({ plugin, target }) => {
    const snap = snapshots.get(target.metric);
    if (snap) return progressFrom(plugin, target, at, snap.value, { kind: 'snapshot', day: snap.day });
    const value = live.get(target.metric);
    if (value !== undefined) return progressFrom(plugin, target, at, value, { kind: 'live' });
    return {
      ...describe(plugin, target, at), value: null, source: { kind: 'unknown-metric' }, expected: null, ratio: null, met: null, status: null,
      problem: problemOf(target.metric),
    };
  });
}

/** One target's progress at `at` (see tenantTargetProgress). */
export async function targetProgress(tx: Tx, plugin: PolicyPlugin, target: Target, at: string, options: ProgressOptions = {}): Promise<TargetProgress> {
  const [progress] = await tenantTargetProgress(tx, [{ ...plugin, targets: [target] }], at, options);
  return progress!;
}

function isResolvable(metric: string): boolean {
  return problemOf(metric) === undefined;
}

function problemOf(metric: string): string | undefined {
  try {
    resolveMetric(metric);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
