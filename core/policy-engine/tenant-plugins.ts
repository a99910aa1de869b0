// Which plugins a tenant runs, configured as its manifest says (tenants.plugins = [{ id, config }]).
// The registry is handed in by the composition root, so core never imports plugins/.
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { PluginError } from '../policy/evaluate.ts';

export type PluginRegistry = ReadonlyMap<string, PolicyPlugin>;

export interface TenantPluginSet {
  plugins: PolicyPlugin[];
  /** Config per plugin id, as EvaluateOptions.configs takes it. */
  configs: Record<string, unknown>;
  /** An enabled id this installation does not have: recorded as a plugin error, never silently skipped. */
  missing: PluginError[];
}

interface EnabledPlugin {
  id: string;
  config?: unknown;
}

const isEnabledPlugin = (x: unknown): x is EnabledPlugin =>
  typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string';

export function tenantPlugins(enabled: unknown, registry: PluginRegistry): TenantPluginSet {
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
    set.configs[entry.id] = entry.config ?? {};
  }
  return set;
}
