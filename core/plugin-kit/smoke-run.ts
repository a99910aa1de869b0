// Runs the plugin once on an empty data view, the state of every tenant the day it enables the
// plugin: a rule that cannot survive no data fails here rather than as a tenant's plugin error.
import { dataView, evaluatePlugins, type PolicyPlugin } from '../policy/index.ts';
import { problem, type Problem } from './problem.ts';
import type { SourceLocator } from './source-locator.ts';

/** The first date on which the text and every parameter are in force: no date-dependent error is the plugin's fault before it. */
export function smokeDate(plugin: PolicyPlugin): string {
  return [plugin.source.date, ...Object.values(plugin.parameters).map((p) => p.values[0]!.effectiveFrom)].sort().at(-1)!;
}

export function smokeRun(plugin: PolicyPlugin, entry: string, locator: SourceLocator): Problem[] {
  const at = smokeDate(plugin);
  const own = plugin.rules.filter((r) => r.declaredBy === plugin.id);
  return evaluatePlugins([plugin], dataView(), at).errors.map((e) => {
    const index = own.findIndex((r) => r.id === e.ruleId);
    // A baseline's rule failing under this plugin comes from what this plugin changed: its overrides.
    const path = index >= 0 ? `rules[${index}].check` : e.ruleId ? 'parameterOverrides' : '';
    const ruleId = index >= 0 ? own[index]!.id.slice(plugin.id.length + 1) : undefined;
    return problem(entry, locator.locate(path, ruleId), `${e.ruleId ? `rule ${e.ruleId}` : 'the plugin'} fails on an empty data view at ${at} (${e.kind}): ${e.message}`);
  });
}
