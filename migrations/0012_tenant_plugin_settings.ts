// What a bureau saved of its plugins' config, apart from the manifest: the start-up sync rewrites
// tenants.plugins from tenants/*.ts and never touches these rows, so the manifest gives defaults
// and the bureau's values win field by field. One row per enabled plugin and layer (the plugin's
// own id or one of its baselines').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table tenant_plugin_settings (
  tenant_id uuid not null,
  plugin_id text not null,
  layer_id text not null,
  config jsonb not null,
  version integer not null default 1,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  constraint tenant_plugin_settings_pkey primary key (tenant_id, plugin_id, layer_id),
  constraint tenant_plugin_settings_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint tenant_plugin_settings_updated_by_fkey foreign key (tenant_id, updated_by) references users (tenant_id, id) on delete set null (updated_by),
  constraint tenant_plugin_settings_config_check check (jsonb_typeof(config) = 'object')
);
select enable_tenant_rls('tenant_plugin_settings');
`).execute(db);
}
