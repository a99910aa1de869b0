// The registry and the tenant manifests agree, and every plugin runs cleanly on an empty tenant.
import { describe, expect, it } from 'vitest';
import { dataView, evaluatePlugins } from '../core/policy/index.ts';
import { tenantManifests } from '../tenants/index.ts';
import { policyPlugins } from './index.ts';

describe('the plugin registry', () => {
  it('holds every plugin a tenant manifest enables', () => {
    const enabled = tenantManifests.flatMap((m) => m.plugins.map((p) => p.id));
    expect(enabled.filter((id) => !policyPlugins.has(id))).toEqual([]);
  });

  it('keys each plugin by its own id', () => {
    for (const [id, plugin] of policyPlugins) expect(plugin.id).toBe(id);
  });

  it('lets every tenant evaluate its plugins on an empty data set without a plugin error', () => {
    for (const manifest of tenantManifests) {
      const plugins = manifest.plugins.map((p) => policyPlugins.get(p.id)!);
      const result = evaluatePlugins(plugins, dataView({ tenantId: manifest.slug }), '2026-11-24');
      expect({ tenant: manifest.slug, errors: result.errors }).toEqual({ tenant: manifest.slug, errors: [] });
    }
  });
});
