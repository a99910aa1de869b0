// Row type of the bureau's saved plugin config (migration 0012): overrides on top of the manifest.
import type { ColumnType, Generated } from 'kysely';

export interface TenantPluginSettingsTable {
  tenant_id: string;
  plugin_id: string;
  layer_id: string;
  config: ColumnType<Record<string, unknown>, string, string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}
