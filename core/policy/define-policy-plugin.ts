// definePolicyPlugin: checks a plugin once, when its module loads, so a bad definition fails with
// the path of every bad field and an incompatible one with one sentence, before anything runs.
import { z } from 'zod';
import { viewCollections, type PolicyDataView, type ViewCollection } from './data-view.ts';
import type { IsoDate } from './dates.ts';
import type { RuleFinding } from './finding.ts';
import type { MessageTemplates } from './messages.ts';
import { defineParameter, ParameterDefinitionError, type LocalizedText, type Parameter, type ParameterSpec, type ParameterValueOf } from './parameters.ts';
import { issuePath, pluginSchema, type Reminder, type ReminderSpec, type Report, type ReportSpec, type Source, type Target, type TargetSpec, type Task, type TaskSpec } from './plugin-schema.ts';
import { satisfies } from './semver.ts';

/** The SDK's own version; plugins declare the range they were built for in `sdk`. */
export const SDK_VERSION = '0.1.0';

export type ParameterSpecs = Record<string, ParameterSpec<unknown>>;

export interface RuleContext<Config = unknown, P extends ParameterSpecs = ParameterSpecs> {
  /** The evaluation date; rules never read a clock. */
  readonly at: IsoDate;
  readonly config: Config;
  /** The value in force at `at`; every value handed out is recorded in the findings' explanation. */
  param<K extends keyof P & string>(name: K): ParameterValueOf<P[K]>;
}

export interface RuleSpec<Config, P extends ParameterSpecs, MessageId extends string> {
  /** kebab-case; namespaced by the plugin id once defined (`<plugin-id>/<id>`). */
  id: string;
  title: LocalizedText;
  clause: string;
  check: (view: PolicyDataView, ctx: RuleContext<Config, P>) => readonly RuleFinding<MessageId>[];
}

export interface CalculatorSpec<I extends z.ZodType = z.ZodType> {
  id: string;
  title: LocalizedText;
  clause: string;
  input: I;
  /** Pure: the date is passed in; parameters are read as of that date. */
  compute: (input: z.output<I>, at: IsoDate) => Record<string, unknown>;
}

export interface PolicyCalculator {
  readonly id: string;
  readonly title: LocalizedText;
  readonly clause: string;
  readonly input: z.ZodType;
  readonly compute: (input: unknown, at: IsoDate) => Record<string, unknown>;
}

/** Keeps a calculator's input and compute types tied together where it is written. */
export const defineCalculator = <I extends z.ZodType>(spec: CalculatorSpec<I>): CalculatorSpec<I> => spec;

export interface PolicyPluginSpec<C extends z.ZodType, P extends ParameterSpecs, M extends Record<string, MessageTemplates>> {
  id: string;
  version: string;
  /** The SDK range this plugin was built for: `^0.1.0` or `0.1.0`. */
  sdk: string;
  title: LocalizedText;
  source: Source;
  /** What a bureau may tune; every field needs a default so the plugin runs unconfigured. */
  config?: C;
  parameters?: P;
  /** A baseline plugin whose rules, targets, tasks, reminders and reports this one adds to. */
  extends?: PolicyPlugin;
  /**
   * The data-view collections the rules read. The engine loads only what some enabled plugin
   * reads, and a rule touching a collection not named here fails as a plugin error (so a test
   * catches it). Left out, every collection is loaded.
   */
  reads?: ViewCollection[];
  /** Replaces the whole value history of baseline parameters: the only way into the baseline. */
  parameterOverrides?: ParameterSpecs;
  messages: M;
  rules: RuleSpec<z.output<C>, P, keyof M & string>[];
  targets?: TargetSpec[];
  tasks?: TaskSpec[];
  reminders?: ReminderSpec[];
  reports?: ReportSpec[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each calculator keeps its own input type (defineCalculator)
  calculators?: CalculatorSpec<any>[];
}

export interface PolicyRule {
  /** `<plugin-id>/<rule-id>`, the plugin being the one that declared the rule. */
  readonly id: string;
  readonly declaredBy: string;
  readonly title: LocalizedText;
  readonly clause: string;
  readonly check: (view: PolicyDataView, ctx: RuleContext<unknown, ParameterSpecs>) => readonly RuleFinding[];
}

/** What each plugin in a baseline chain owns: its config and its messages stay its own. */
export interface PluginLayer {
  readonly id: string;
  readonly config: z.ZodType;
  readonly messages: Readonly<Record<string, MessageTemplates>>;
}

export interface PolicyPlugin {
  readonly id: string;
  readonly version: string;
  readonly sdk: string;
  readonly title: LocalizedText;
  readonly source: Source;
  readonly config: z.ZodType;
  /** Baseline parameters (with overrides applied) and the plugin's own. */
  readonly parameters: Readonly<Record<string, Parameter<unknown>>>;
  readonly rules: readonly PolicyRule[];
  /** Collections the rules read, the baseline's included. */
  readonly reads: readonly ViewCollection[];
  readonly targets: readonly Target[];
  readonly tasks: readonly Task[];
  readonly reminders: readonly Reminder[];
  readonly reports: readonly Report[];
  readonly calculators: readonly PolicyCalculator[];
  readonly baseline: PolicyPlugin | null;
  /** This plugin's layer first, then its baseline's, and so on. */
  readonly layers: readonly PluginLayer[];
}

export class SdkVersionMismatchError extends Error {
  override name = 'SdkVersionMismatchError';
}

export class PluginDefinitionError extends Error {
  override name = 'PluginDefinitionError';
  constructor(
    readonly pluginId: string,
    readonly problems: readonly string[],
  ) {
    super(`Plugin "${pluginId}" is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function definePolicyPlugin<
  const M extends Record<string, MessageTemplates>,
  C extends z.ZodType = z.ZodObject<Record<string, never>>,
  P extends ParameterSpecs = Record<string, never>,
>(spec: PolicyPluginSpec<C, P, M>): PolicyPlugin {
  const label = typeof spec?.id === 'string' && spec.id ? spec.id : '(no id)';
  // The version contract comes first: an incompatible plugin is not worth validating further.
  if (typeof spec?.sdk === 'string' && /^\^?\d+\.\d+\.\d+$/.test(spec.sdk) && !satisfies(SDK_VERSION, spec.sdk)) {
    throw new SdkVersionMismatchError(`Plugin "${label}" ${String(spec.version)} was built for SDK ${spec.sdk}, but this is SDK ${SDK_VERSION}.`);
  }
  const parsed = pluginSchema.safeParse(spec);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`);

  const config: z.ZodType = spec?.config ?? z.object({});
  const defaults = config.safeParse({});
  if (!defaults.success) {
    problems.push(...defaults.error.issues.map((i) => `config.${issuePath(i.path)}: needs a default (${i.message})`));
  }

  const baseline = spec?.extends ?? null;
  const parameters: Record<string, Parameter<unknown>> = { ...(baseline?.parameters ?? {}) };
  const define = (where: string, name: string, value: unknown) => {
    try {
      return defineParameter(name, value as ParameterSpec<unknown>);
    } catch (error) {
      if (!(error instanceof ParameterDefinitionError)) throw error;
      problems.push(`${where}.${name}: ${error.message}`);
      return null;
    }
  };
  for (const [name, value] of Object.entries(spec?.parameterOverrides ?? {})) {
    const base = baseline?.parameters[name];
    if (!base) {
      problems.push(`parameterOverrides.${name}: ${baseline ? `baseline "${baseline.id}" has no parameter "${name}"` : 'only a plugin that extends a baseline can override parameters'}`);
      continue;
    }
    const p = define('parameterOverrides', name, value);
    if (p && p.values.some((v) => typeof v.value !== typeof base.values[0]!.value)) {
      problems.push(`parameterOverrides.${name}: must hold ${typeof base.values[0]!.value} values like the baseline's`);
    } else if (p) parameters[name] = p;
  }
  for (const [name, value] of Object.entries(spec?.parameters ?? {})) {
    if (baseline?.parameters[name]) {
      problems.push(`parameters.${name}: baseline "${baseline.id}" already defines it; change it through parameterOverrides`);
      continue;
    }
    const p = define('parameters', name, value);
    if (p) parameters[name] = p;
  }

  const rules = spec?.rules ?? [];
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r?.id)) problems.push(`rules[${i}].id: "${r.id}" is used by another rule`);
    seen.add(r?.id);
  });
  const ownRuleIds = new Set([...seen, ...(baseline?.rules ?? []).map((r) => r.id)]);
  (spec?.reminders ?? []).forEach((r, i) => {
    if (r && 'onFinding' in r.when && !ownRuleIds.has(r.when.onFinding) && !ownRuleIds.has(`${baseline?.id}/${r.when.onFinding}`)) {
      problems.push(`reminders[${i}].when.onFinding: no rule "${r.when.onFinding}"`);
    }
  });

  if (problems.length > 0 || !parsed.success) throw new PluginDefinitionError(label, problems);
  const d = parsed.data;
  const own: PolicyRule[] = spec.rules.map((r) =>
    Object.freeze({
      id: `${d.id}/${r.id}`,
      declaredBy: d.id,
      title: r.title,
      clause: r.clause,
      check: r.check as PolicyRule['check'],
    }),
  );
  return Object.freeze({
    id: d.id,
    version: d.version,
    sdk: d.sdk,
    title: d.title,
    source: d.source,
    config,
    parameters: Object.freeze(parameters),
    rules: Object.freeze([...(baseline?.rules ?? []), ...own]),
    reads: Object.freeze(viewCollections.filter((c) => (d.reads ?? viewCollections).includes(c) || baseline?.reads.includes(c))),
    targets: Object.freeze([...(baseline?.targets ?? []), ...d.targets]),
    tasks: Object.freeze([...(baseline?.tasks ?? []), ...d.tasks]),
    reminders: Object.freeze([...(baseline?.reminders ?? []), ...d.reminders]),
    reports: Object.freeze([...(baseline?.reports ?? []), ...d.reports]),
    calculators: Object.freeze([...(baseline?.calculators ?? []), ...(d.calculators as PolicyCalculator[])]),
    baseline,
    layers: Object.freeze([Object.freeze({ id: d.id, config, messages: Object.freeze({ ...spec.messages }) }), ...(baseline?.layers ?? [])]),
  });
}
