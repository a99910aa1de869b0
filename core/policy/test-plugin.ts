// The fixture harness plugins are tested with (and integrators use): evaluate one plugin on a
// fixed date over a small data set and compare findings by rule, subject, message id and params.
import { isDeepStrictEqual } from 'node:util';
import { dataView, type PolicyDataView } from './data-view.ts';
import type { IsoDate } from './dates.ts';
import type { PolicyPlugin } from './define-policy-plugin.ts';
import { evaluatePlugins, type EvaluationResult } from './evaluate.ts';
import type { Finding, Severity, Subject } from './finding.ts';
import type { MessageParams } from './messages.ts';

export interface ExpectedFinding {
  /** The rule id as written in the plugin (`practice-too-short`) or namespaced (`base/practice-too-short`). */
  rule: string;
  /** `{ type: 'teacher', id: 't1' }` or the short `'teacher:t1'`. */
  subject: Subject | `${Subject['type']}:${string}`;
  messageId: string;
  /** Compared exactly when given. */
  params?: MessageParams;
  severity?: Severity;
}

export interface PluginFixture {
  /** Shown in every failure, so a failing fixture is found by name. */
  name?: string;
  at: IsoDate;
  /** Only the collections the fixture is about; the rest are empty. */
  data: Partial<PolicyDataView>;
  configs?: Readonly<Record<string, unknown>>;
  /** Every finding the plugin must report, and nothing else; `[]` means "no findings". */
  expect: readonly ExpectedFinding[];
}

export class PluginTestError extends Error {
  override name = 'PluginTestError';
}

/** Throws a PluginTestError naming the fixture (and where testPlugin was called) on any mismatch. */
export function testPlugin(plugin: PolicyPlugin, fixture: PluginFixture): EvaluationResult {
  const label = `Fixture "${fixture.name ?? `at ${fixture.at}`}" of plugin "${plugin.id}"${callerLocation()}`;
  const fail = (lines: string[]) => new PluginTestError(`${label}:\n${lines.map((l) => `  ${l}`).join('\n')}`);

  const expected = fixture.expect.map((e, i) => {
    const rule = plugin.rules.find((r) => r.id === e.rule) ?? plugin.rules.find((r) => r.id === `${plugin.id}/${e.rule}`) ?? plugin.rules.find((r) => r.id.endsWith(`/${e.rule}`));
    if (!rule) throw fail([`expect[${i}] names rule "${e.rule}", which the plugin does not have.`]);
    const layer = plugin.layers.find((l) => l.id === rule.declaredBy)!;
    // An id the plugin never declares could only ever "pass" by accident, so it is an error here.
    if (!Object.hasOwn(layer.messages, e.messageId)) throw fail([`expect[${i}] uses message id "${e.messageId}", which plugin "${layer.id}" does not declare.`]);
    return { ...e, rule: rule.id, subject: typeof e.subject === 'string' ? e.subject : `${e.subject.type}:${e.subject.id}` };
  });

  const result = evaluatePlugins([plugin], dataView(fixture.data), fixture.at, fixture.configs ? { configs: fixture.configs } : {});
  if (result.errors.length > 0) throw fail(result.errors.map((e) => `plugin error (${e.kind}): ${e.message}`));

  const unmatched = [...result.findings];
  const missing: string[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex(
      (f) =>
        f.ruleId === e.rule &&
        `${f.subject.type}:${f.subject.id}` === e.subject &&
        f.messageId === e.messageId &&
        (e.params === undefined || isDeepStrictEqual(f.params, e.params)) &&
        (e.severity === undefined || f.severity === e.severity),
    );
    if (i === -1) missing.push(`missing:    ${e.rule} ${e.subject} ${e.messageId}${e.params ? ` ${JSON.stringify(e.params)}` : ''}${e.severity ? ` (${e.severity})` : ''}`);
    else unmatched.splice(i, 1);
  }
  const unexpected = unmatched.map((f) => `unexpected: ${show(f)}`);
  if (missing.length > 0 || unexpected.length > 0) throw fail([...missing, ...unexpected]);
  return result;
}

const show = (f: Finding) => `${f.ruleId} ${f.subject.type}:${f.subject.id} ${f.messageId} ${JSON.stringify(f.params)} (${f.severity})`;

/** The integrator's file and line that called testPlugin, read from the stack. */
function callerLocation(): string {
  const frame = new Error().stack?.split('\n')[3] ?? '';
  const m = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame);
  return m ? ` (${m[1]!.replace(/^file:\/\//, '')})` : '';
}
