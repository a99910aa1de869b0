// Specification of tenantPlugins: a baseline's config reaches the baseline's rules when only the
// plugin extending it is enabled, from the manifest entry and from what the bureau saved.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dataView, type TeacherView } from '../policy/data-view.ts';
import { definePolicyPlugin, SDK_VERSION } from '../policy/define-policy-plugin.ts';
import { evaluatePlugins } from '../policy/evaluate.ts';
import { tenantPlugins } from './tenant-plugins.ts';

const source = { title: '示例', issuer: '示例局', date: '2024-01-01', referenceNumber: null, seedFile: 'example.txt' };
const titles = { 'zh-CN': '示例', en: 'Example' };
const meta = { version: '1.0.0', sdk: `^${SDK_VERSION}`, title: titles, source };

const teacher = (id: string): TeacherView => ({ id, schoolId: 's1', name: `教师${id}`, hireDate: '2015-09-01', isProfessional: true, dualQualified: false, practicePeriods: [] });

/** The shared baseline: its severity is its own config, which a region may raise. */
const baseline = definePolicyPlugin({
  ...meta,
  id: 'shared-baseline',
  config: z.object({ severity: z.enum(['info', 'warning', 'violation']).default('info') }),
  messages: { notDual: { 'zh-CN': '{name}不是双师型教师', en: '{name} is not dual-qualified' } },
  rules: [
    {
      id: 'not-dual',
      title: titles,
      clause: '一',
      check: (view, ctx) =>
        view.teachers.map((t) => ({ subject: { type: 'teacher' as const, id: t.id }, severity: ctx.config.severity, messageId: 'notDual' as const, params: { name: t.name } })),
    },
  ],
});

const regional = definePolicyPlugin({
  ...meta,
  id: 'regional',
  extends: baseline,
  config: z.object({ strict: z.boolean().default(false) }),
  messages: {},
  rules: [],
});

const registry = new Map([regional, baseline].map((p) => [p.id, p]));
const view = dataView({ teachers: [teacher('t1')] });
const severityOf = (configs: Record<string, unknown>) => evaluatePlugins([regional], view, '2025-01-01', { configs }).findings.map((f) => f.severity);

describe('tenantPlugins', () => {
  it('runs the baseline rules with the baseline defaults when nothing is configured', () => {
    const set = tenantPlugins([{ id: 'regional', config: {} }], registry);
    expect(set.plugins.map((p) => p.id)).toEqual(['regional']);
    expect(set.configs).toEqual({ regional: {}, 'shared-baseline': {} });
    expect(severityOf(set.configs)).toEqual(['info']);
  });

  it('hands the extending entry’s baselineConfig to the baseline’s rules', () => {
    const set = tenantPlugins([{ id: 'regional', config: { strict: true }, baselineConfig: { 'shared-baseline': { severity: 'violation' } } }], registry);
    expect(set.configs).toEqual({ regional: { strict: true }, 'shared-baseline': { severity: 'violation' } });
    expect(severityOf(set.configs)).toEqual(['violation']);
  });

  it('lets saved settings override the manifest field by field, for the plugin and its baseline', () => {
    const manifest = [{ id: 'regional', config: { strict: true }, baselineConfig: { 'shared-baseline': { severity: 'violation' } } }];
    const set = tenantPlugins(manifest, registry, { regional: { 'shared-baseline': { severity: 'warning' } } });
    expect(set.configs).toEqual({ regional: { strict: true }, 'shared-baseline': { severity: 'warning' } });
    expect(severityOf(set.configs)).toEqual(['warning']);
  });

  it('records a bad baseline value as a config error of the baseline, not silently as defaults', () => {
    const set = tenantPlugins([{ id: 'regional', baselineConfig: { 'shared-baseline': { severity: 'loud' } } }], registry);
    const result = evaluatePlugins(set.plugins, view, '2025-01-01', { configs: set.configs });
    expect(result.findings).toEqual([]);
    expect(result.errors).toMatchObject([{ pluginId: 'regional', kind: 'config' }]);
    expect(result.errors[0]!.message).toContain('shared-baseline');
  });

  it('ignores config for a plugin that is not one of the entry’s layers', () => {
    const set = tenantPlugins([{ id: 'regional', baselineConfig: { elsewhere: { severity: 'violation' } } }], registry);
    expect(Object.keys(set.configs).sort()).toEqual(['regional', 'shared-baseline']);
  });
});
