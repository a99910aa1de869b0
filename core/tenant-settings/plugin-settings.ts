// A bureau's settings of its enabled plugins: each layer's config (the plugin's own and each
// baseline's) as the manifest gives it, what the bureau saved on top, and the effective values the
// next evaluation uses. Saving validates with the layer's zod schema and writes an audit row.
import { sql } from 'kysely';
import type { z } from 'zod';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { conflict, invalid, notFound } from '../errors/app-error.ts';
import type { Lang, Translator } from '../i18n/lang.ts';
import { localiseIssues } from '../http/validate.ts';
import type { LocalizedText } from '../policy/parameters.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { manifestLayerConfigs, tenantPlugins, type PluginRegistry, type PluginSettings } from '../policy-engine/tenant-plugins.ts';
import type { Tenant } from '../tenancy/schema.ts';

export interface LayerSettings {
  pluginId: string;
  layerId: string;
  /** The layer's own plugin title (a baseline's is the baseline's). */
  title: LocalizedText;
  schema: z.ZodType;
  manifest: Record<string, unknown>;
  saved: Record<string, unknown> | null;
  /** Defaults, then the manifest, then the saved values; null when they fail the schema. */
  effective: Record<string, unknown> | null;
  version: number;
  updatedAt: Date | null;
}

/** Every saved row of the tenant in `tx`, shaped as tenantPlugins takes it. */
export async function loadPluginSettings(tx: Tx): Promise<PluginSettings> {
  const rows = await tx.selectFrom('tenant_plugin_settings').select(['plugin_id', 'layer_id', 'config']).execute();
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const r of rows) (out[r.plugin_id] ??= {})[r.layer_id] = r.config;
  return out;
}

const layerTitle = (plugin: PolicyPlugin, layerId: string): LocalizedText => {
  for (let p: PolicyPlugin | null = plugin; p; p = p.baseline) if (p.id === layerId) return p.title;
  return plugin.title;
};

/** The layers of every enabled plugin that has a config field to set, in manifest order. */
export async function listPluginSettings(tx: Tx, tenant: Pick<Tenant, 'plugins'>, registry: PluginRegistry): Promise<LayerSettings[]> {
  const rows = await tx.selectFrom('tenant_plugin_settings').selectAll().execute();
  const entries = Array.isArray(tenant.plugins) ? (tenant.plugins as unknown[]) : [];
  const set = tenantPlugins(entries, registry);
  const out: LayerSettings[] = [];
  for (const plugin of set.plugins) {
    const entry = entries.find((e) => (e as { id?: unknown }).id === plugin.id);
    const manifest = manifestLayerConfigs(entry, plugin);
    for (const layer of plugin.layers) {
      const row = rows.find((r) => r.plugin_id === plugin.id && r.layer_id === layer.id);
      const parsed = layer.config.safeParse({ ...manifest[layer.id], ...(row?.config ?? {}) });
      out.push({
        pluginId: plugin.id,
        layerId: layer.id,
        title: layerTitle(plugin, layer.id),
        schema: layer.config,
        manifest: manifest[layer.id] ?? {},
        saved: row?.config ?? null,
        effective: parsed.success ? (parsed.data as Record<string, unknown>) : null,
        version: row?.version ?? 0,
        updatedAt: row?.updated_at ?? null,
      });
    }
  }
  return out;
}

export async function findLayerSettings(tx: Tx, tenant: Pick<Tenant, 'plugins'>, registry: PluginRegistry, pluginId: string, layerId: string): Promise<LayerSettings> {
  const layer = (await listPluginSettings(tx, tenant, registry)).find((l) => l.pluginId === pluginId && l.layerId === layerId);
  if (!layer) throw notFound();
  return layer;
}

export interface SaveSettings {
  tenant: Pick<Tenant, 'id' | 'plugins'>;
  registry: PluginRegistry;
  pluginId: string;
  layerId: string;
  /** The whole form of the layer; missing fields take the manifest's value or the default. */
  config: unknown;
  /** The version the form was read at (0: never saved); another save since then is a conflict. */
  version?: number | undefined;
  actorUserId: string | null;
  requestId?: string | null;
  lang: Lang;
  t: Translator;
}

/** Validates and stores one layer's config; every field's problem is reported in `lang`. */
export async function savePluginSettings(tx: Tx, input: SaveSettings): Promise<LayerSettings> {
  const before = await findLayerSettings(tx, input.tenant, input.registry, input.pluginId, input.layerId);
  if (input.version !== undefined && input.version !== before.version) throw conflict();
  const body = typeof input.config === 'object' && input.config !== null && !Array.isArray(input.config) ? input.config : {};
  const parsed = before.schema.safeParse({ ...before.manifest, ...body });
  if (!parsed.success) throw invalid(localiseIssues(parsed.error.issues, input.lang, input.t));
  const config = parsed.data as Record<string, unknown>;
  await tx
    .insertInto('tenant_plugin_settings')
    .values({ tenant_id: input.tenant.id, plugin_id: input.pluginId, layer_id: input.layerId, config: JSON.stringify(config), updated_by: input.actorUserId })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'plugin_id', 'layer_id']).doUpdateSet({
        config: JSON.stringify(config),
        updated_by: input.actorUserId,
        updated_at: sql`now()`,
        version: sql`tenant_plugin_settings.version + 1`,
      }),
    )
    .execute();
  await recordAudit(tx, {
    tenantId: input.tenant.id,
    actorUserId: input.actorUserId,
    action: 'plugin-settings.update',
    entity: 'tenant_plugin_settings',
    entityId: `${input.pluginId}/${input.layerId}`,
    changes: diffFields(before.effective ?? {}, config),
    requestId: input.requestId ?? null,
  });
  return findLayerSettings(tx, input.tenant, input.registry, input.pluginId, input.layerId);
}

/** Drops the saved values of a layer: the manifest's (or the defaults) apply again. */
export async function resetPluginSettings(tx: Tx, input: Omit<SaveSettings, 'config' | 'lang' | 't'>): Promise<LayerSettings> {
  const before = await findLayerSettings(tx, input.tenant, input.registry, input.pluginId, input.layerId);
  if (input.version !== undefined && input.version !== before.version) throw conflict();
  if (before.saved === null) return before;
  await tx.deleteFrom('tenant_plugin_settings').where('plugin_id', '=', input.pluginId).where('layer_id', '=', input.layerId).execute();
  const after = await findLayerSettings(tx, input.tenant, input.registry, input.pluginId, input.layerId);
  await recordAudit(tx, {
    tenantId: input.tenant.id,
    actorUserId: input.actorUserId,
    action: 'plugin-settings.reset',
    entity: 'tenant_plugin_settings',
    entityId: `${input.pluginId}/${input.layerId}`,
    changes: diffFields(before.effective ?? {}, after.effective ?? {}),
    requestId: input.requestId ?? null,
  });
  return after;
}
