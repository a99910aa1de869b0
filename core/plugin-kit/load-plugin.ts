// Loads a plugin's entry module and turns what definePolicyPlugin refuses into problems located
// in the plugin's own file: `rules[0].clause: must not be empty` → plugin.ts:31:7.
import { pathToFileURL } from 'node:url';
import type { PolicyPlugin } from '../policy/index.ts';
import { problem, type Problem } from './problem.ts';
import type { SourceLocator } from './source-locator.ts';

export type Loaded = { plugin: PolicyPlugin; problems: [] } | { plugin: null; problems: Problem[] };

const isPlugin = (value: unknown): value is PolicyPlugin =>
  typeof value === 'object' && value !== null && Array.isArray((value as PolicyPlugin).layers) && Array.isArray((value as PolicyPlugin).rules);

/**
 * `parameters.x: Parameter "x" has a value from 2020-08-09 without a clause` names the date in its
 * message: point at that value's clause rather than at the parameter.
 */
export function refinePath(path: string, message: string): string {
  if (!/^(parameters|parameterOverrides)\.[^.[\]]+$/.test(path)) return path;
  const dated = /(?:value from|takes effect on) "?([^"\s,]+)"?/.exec(message);
  if (/has no values/.test(message)) return `${path}.values`;
  if (!dated) return path;
  const field = /without a clause/.test(message) ? '.clause' : /publication date/.test(message) ? '.published' : '';
  return `${path}.values.${dated[1]}${field}`;
}

/** The plugin's own file and line named in a stack trace, for an error that is not a definition error. */
function stackPosition(error: unknown, file: string): { line: number; column: number } | null {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

export async function loadPlugin(entry: string, locator: SourceLocator): Promise<Loaded> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  } catch (error) {
    const e = error as Error & { problems?: unknown };
    if (e?.name === 'PluginDefinitionError' && Array.isArray(e.problems)) {
      const problems = (e.problems as string[]).map((line) => {
        const cut = line.indexOf(': ');
        const path = cut === -1 ? '' : line.slice(0, cut);
        const message = cut === -1 ? line : line.slice(cut + 2);
        return problem(entry, locator.locate(refinePath(path, message)), `${path || '(plugin)'}: ${message}`);
      });
      return { plugin: null, problems };
    }
    if (e?.name === 'SdkVersionMismatchError') return { plugin: null, problems: [problem(entry, locator.locate('sdk'), e.message)] };
    const at = stackPosition(error, entry) ?? locator.locate('');
    return { plugin: null, problems: [problem(entry, at, `the plugin does not load: ${e instanceof Error ? e.message : String(error)}`)] };
  }
  if (!isPlugin(mod.default)) {
    return { plugin: null, problems: [problem(entry, { line: 1, column: 1 }, 'plugin.ts has no default export made by definePolicyPlugin: end it with `export default definePolicyPlugin({...})`')] };
  }
  return { plugin: mod.default, problems: [] };
}
