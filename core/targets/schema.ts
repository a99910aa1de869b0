// Row types of the daily snapshots (migration 0006): metric values per scope and target progress.
import type { ColumnType, Generated } from 'kysely';

export const scopeTypes = ['tenant', 'school', 'majorCluster', 'industryChain'] as const;
export type ScopeType = (typeof scopeTypes)[number];
export const targetStatuses = ['green', 'amber', 'red'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

/** numeric columns arrive as strings from both drivers; written as numbers. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface MetricSnapshotsTable {
  tenant_id: string;
  id: Generated<string>;
  day: string;
  metric: string;
  scope_type: ScopeType;
  scope_id: string;
  value: Numeric;
  computed_at: Generated<Date>;
}

export interface TargetSnapshotsTable {
  tenant_id: string;
  id: Generated<string>;
  day: string;
  plugin_id: string;
  target_id: string;
  metric: string;
  value: Numeric;
  goal: Numeric;
  expected: Numeric;
  status: TargetStatus;
  computed_at: Generated<Date>;
}
