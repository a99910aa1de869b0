// Runs plugins over one tenant's frozen data view at a date, each in isolation: a plugin that
// throws, reads a parameter before its first date or reports an undeclared message becomes a
// plugin error, and every other plugin's findings stand.
import { viewCollections, type PolicyDataView } from './data-view.ts';
import { isIsoDate, type IsoDate } from './dates.ts';
import { deepFreeze } from './deep-freeze.ts';
import type { ParameterSpecs, PluginLayer, PolicyPlugin, PolicyRule, RuleContext } from './define-policy-plugin.ts';
import { severities, subjectTypes, type Finding, type RuleFinding } from './finding.ts';
import { missingParams } from './messages.ts';
import { ParameterNotInForceError, parameterAt, type ParameterReading } from './parameters.ts';
import { issuePath } from './plugin-schema.ts';

export const pluginErrorKinds = ['config', 'threw', 'parameter-not-in-force', 'unknown-parameter', 'unknown-message', 'bad-finding', 'duplicate', 'timeout', 'not-installed'] as const;
export type PluginErrorKind = (typeof pluginErrorKinds)[number];

export interface PluginError {
  pluginId: string;
  pluginVersion: string;
  /** The rule that failed, when one did. */
  ruleId: string | null;
  kind: PluginErrorKind;
  message: string;
}

export interface EvaluationResult {
  at: IsoDate;
  findings: Finding[];
  errors: PluginError[];
}

export interface EvaluateOptions {
  /** The tenant's config per plugin id (a baseline's under the baseline's id); missing means defaults. */
  configs?: Readonly<Record<string, unknown>>;
}

class PluginRunError extends Error {
  constructor(
    readonly kind: PluginErrorKind,
    readonly ruleId: string | null,
    message: string,
  ) {
    super(message);
  }
}

const SEVERITIES: ReadonlySet<string> = new Set(severities);
const SUBJECT_TYPES: ReadonlySet<string> = new Set(subjectTypes);

/** One plugin's outcome: its findings, or the error that voided them. */
export interface PluginOutcome {
  pluginId: string;
  findings: Finding[];
  error: PluginError | null;
}

/**
 * A plugin's findings are all or nothing: one failing rule drops the plugin's other findings
 * too, because a stored finding that is missing from a result gets resolved, and a partial
 * run must not resolve what it never checked.
 */
export function evaluatePlugins(plugins: readonly PolicyPlugin[], view: PolicyDataView, at: IsoDate, options: EvaluateOptions = {}): EvaluationResult {
  const findings: Finding[] = [];
  const errors: PluginError[] = [];
  for (const outcome of evaluateEach(plugins, view, at, options)) {
    // A loop, not push(...): a spread of 100 000 findings overflows the call stack.
    for (const f of outcome.findings) findings.push(f);
    if (outcome.error) errors.push(outcome.error);
  }
  return { at, findings, errors };
}

/**
 * The same, one plugin at a time, so a supervisor (the engine's worker thread) can time each
 * plugin and resume after one that overran: `startAt` skips the plugins already done while
 * still counting them for the duplicate check.
 */
export function* evaluateEach(
  plugins: readonly PolicyPlugin[],
  view: PolicyDataView,
  at: IsoDate,
  options: EvaluateOptions & { startAt?: number } = {},
): Generator<PluginOutcome, void, undefined> {
  if (!isIsoDate(at)) throw new TypeError(`Evaluation date "${at}" is not a YYYY-MM-DD date.`);
  deepFreeze(view);
  const running = new Set<string>();
  for (const [index, plugin] of plugins.entries()) {
    const derived = plugins.find((p) => p !== plugin && p.layers.slice(1).some((l) => l.id === plugin.id));
    const duplicate = running.has(plugin.id) || derived;
    running.add(plugin.id);
    if (index < (options.startAt ?? 0)) continue;
    try {
      if (duplicate) {
        throw new PluginRunError(
          'duplicate',
          null,
          derived ? `Plugin "${plugin.id}" is the baseline of "${derived.id}", which already runs its rules; enable only one of them.` : `Plugin "${plugin.id}" is enabled twice.`,
        );
      }
      yield { pluginId: plugin.id, findings: runPlugin(plugin, view, at, options.configs ?? {}), error: null };
    } catch (error) {
      const e = error instanceof PluginRunError ? error : new PluginRunError('threw', null, describe(error));
      yield { pluginId: plugin.id, findings: [], error: { pluginId: plugin.id, pluginVersion: plugin.version, ruleId: e.ruleId, kind: e.kind, message: e.message } };
    }
  }
}

function runPlugin(plugin: PolicyPlugin, view: PolicyDataView, at: IsoDate, configs: Readonly<Record<string, unknown>>): Finding[] {
  const configByLayer = new Map<string, unknown>();
  for (const layer of plugin.layers) {
    const parsed = layer.config.safeParse(configs[layer.id] ?? {});
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `config.${issuePath(i.path)}: ${i.message}`).join('; ');
      throw new PluginRunError('config', null, `Plugin "${layer.id}" has a bad config: ${where}.`);
    }
    configByLayer.set(layer.id, deepFreeze(parsed.data));
  }
  const layers = new Map(plugin.layers.map((l) => [l.id, l]));
  const out: Finding[] = [];
  for (const rule of plugin.rules) {
    const scoped = readableView(view, plugin, rule);
    for (const f of runRule(plugin, layers.get(rule.declaredBy)!, rule, scoped, at, configByLayer.get(rule.declaredBy))) out.push(f);
  }
  return out;
}

/**
 * The view as the plugin declared it reads it: a collection left out of `reads` may not have
 * been loaded at all, so touching it fails loudly instead of looking empty.
 */
function readableView(view: PolicyDataView, plugin: PolicyPlugin, rule: PolicyRule): PolicyDataView {
  if (plugin.reads.length === viewCollections.length) return view;
  const scoped: Record<string, unknown> = { tenantId: view.tenantId };
  for (const name of viewCollections) {
    if (plugin.reads.includes(name)) scoped[name] = view[name];
    else {
      Object.defineProperty(scoped, name, {
        enumerable: true,
        get() {
          throw new PluginRunError('threw', rule.id, `Rule "${rule.id}" read "${name}", which plugin "${plugin.id}" does not list in reads.`);
        },
      });
    }
  }
  return Object.freeze(scoped) as unknown as PolicyDataView;
}

function runRule(plugin: PolicyPlugin, layer: PluginLayer, rule: PolicyRule, view: PolicyDataView, at: IsoDate, config: unknown): Finding[] {
  const readings = new Map<string, ParameterReading>();
  const ctx: RuleContext<unknown, ParameterSpecs> = Object.freeze({
    at,
    config,
    param(name: string) {
      const parameter = plugin.parameters[name];
      if (!parameter) throw new PluginRunError('unknown-parameter', rule.id, `Rule "${rule.id}" read parameter "${name}", which plugin "${plugin.id}" does not define.`);
      const reading = parameterAt(parameter, at);
      readings.set(name, reading);
      return reading.value;
    },
  });
  let returned: unknown;
  try {
    returned = rule.check(view, ctx);
  } catch (error) {
    if (error instanceof PluginRunError) throw error;
    const kind = error instanceof ParameterNotInForceError ? 'parameter-not-in-force' : 'threw';
    throw new PluginRunError(kind, rule.id, `Rule "${rule.id}" ${kind === 'threw' ? 'threw' : 'failed'}: ${describe(error)}`);
  }
  if (!Array.isArray(returned)) throw new PluginRunError('bad-finding', rule.id, `Rule "${rule.id}" must return an array of findings.`);
  // The checks below hold a plugin that ignored the types (or was written in JavaScript) to the contract.
  const drafts = returned as readonly RuleFinding[];
  const parameters = Object.freeze([...readings.values()]);
  return drafts.map((d, i) => {
    const bad = (why: string) => new PluginRunError('bad-finding', rule.id, `Rule "${rule.id}" finding [${i}]: ${why}.`);
    if (typeof d !== 'object' || d === null) throw bad('must be an object');
    const templates = Object.hasOwn(layer.messages, d.messageId) ? layer.messages[d.messageId] : undefined;
    if (!templates) {
      throw new PluginRunError('unknown-message', rule.id, `Rule "${rule.id}" reported message id "${String(d.messageId)}", which plugin "${layer.id}" does not declare.`);
    }
    if (!SEVERITIES.has(d.severity)) throw bad(`severity must be one of ${severities.join(', ')}`);
    if (!d.subject || !SUBJECT_TYPES.has(d.subject.type) || typeof d.subject.id !== 'string' || d.subject.id === '') {
      throw bad(`subject must be { type: ${subjectTypes.join(' | ')}, id }`);
    }
    const params = d.params ?? {};
    const missing = missingParams(templates, params);
    if (missing.length > 0) throw bad(`message "${d.messageId}" needs params ${missing.map((m) => `{${m}}`).join(', ')}`);
    return {
      pluginId: plugin.id,
      pluginVersion: plugin.version,
      ruleId: rule.id,
      subject: { type: d.subject.type, id: d.subject.id },
      severity: d.severity,
      messageId: d.messageId,
      params: { ...params },
      clause: d.clause ?? rule.clause,
      at,
      explanation: { parameters, facts: { ...(d.facts ?? {}) } },
    };
  });
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
