// Which plugins a tenant runs, configured as its manifest says (tenants.plugins = [{ id, config,
// baselineConfig }]) with the bureau's saved settings on top. The registry is handed in by the
// composition root, so core never imports plugins/.
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { PluginError } from '../policy/evaluate.ts';

export type PluginRegistry = ReadonlyMap<string, PolicyPlugin>;

/**
 * What a bureau saved, per enabled plugin id and then per layer id (the plugin's own id, or one of
 * its baselines'): field values that replace the manifest's, field by field.
 */
export type PluginSettings = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

export interface TenantPluginSet {
  plugins: PolicyPlugin[];
  /**
   * Config per layer id, as EvaluateOptions.configs takes it: the enabled plugin's own under its
   * id, and each baseline's under the baseline's id, so the baseline's rules read theirs even
   * though only the extending plugin is enabled.
   */
  configs: Record<string, Record<string, unknown>>;
  /** An enabled id this installation does not have: recorded as a plugin error, never silently skipped. */
  missing: PluginError[];
}

interface EnabledPlugin {
  id: string;
  config?: unknown;
  /** Config of the plugin's baselines, by baseline id: the manifest's way into a baseline's config. */
  baselineConfig?: unknown;
}

const isEnabledPlugin = (x: unknown): x is EnabledPlugin =>
  typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string';

const record = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** The manifest's config of each layer of an enabled plugin, before any saved setting. */
export function manifestLayerConfigs(entry: unknown, plugin: PolicyPlugin): Record<string, Record<string, unknown>> {
  const e = isEnabledPlugin(entry) ? entry : { id: plugin.id };
  const baselines = record(e.baselineConfig);
  return Object.fromEntries(plugin.layers.map((layer) => [layer.id, layer.id === plugin.id ? { ...record(e.config) } : { ...record(baselines[layer.id]) }]));
}

export function tenantPlugins(enabled: unknown, registry: PluginRegistry, settings: PluginSettings = {}): TenantPluginSet {
  const list = Array.isArray(enabled) ? enabled.filter(isEnabledPlugin) : [];
  const set: TenantPluginSet = { plugins: [], configs: {}, missing: [] };
  for (const entry of list) {
    const plugin = registry.get(entry.id);
    if (!plugin) {
      set.missing.push({
        pluginId: entry.id,
        pluginVersion: '',
        ruleId: null,
        kind: 'not-installed',
        message: `Plugin "${entry.id}" is enabled for this tenant but not installed.`,
      });
      continue;
    }
    set.plugins.push(plugin);
    const saved = settings[plugin.id] ?? {};
    for (const [layerId, config] of Object.entries(manifestLayerConfigs(entry, plugin))) {
      set.configs[layerId] = { ...config, ...(saved[layerId] ?? {}) };
    }
  }
  return set;
}
