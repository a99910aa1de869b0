// Specification of definePolicyPlugin: the version contract, field paths in errors, rule
// namespacing and baseline parameter overrides.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePolicyPlugin, PluginDefinitionError, SDK_VERSION, SdkVersionMismatchError } from './define-policy-plugin.ts';
import { parameterAt } from './parameters.ts';
import { satisfies } from './semver.ts';

const source = { title: '示例实施方案', issuer: '示例县教育局', date: '2025-05-28', referenceNumber: null, seedFile: '000_example.txt' };
const titles = { 'zh-CN': '示例', en: 'Example' };

const baseline = definePolicyPlugin({
  id: 'school-baseline',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source,
  parameters: {
    practiceDays: { values: { '2024-04-10': { value: 60, clause: '篇3 三(二)', published: '2024-04-10' } } },
    committeeMeetingsPerYear: { values: { '2024-04-10': { value: 2, clause: '篇3 二(一)', published: '2024-04-10' } } },
  },
  messages: { practiceShort: { 'zh-CN': '企业实践{days}天', en: '{days} days of practice' } },
  rules: [{ id: 'practice', title: titles, clause: '篇3 三(二)', check: () => [] }],
});

describe('the SDK version contract', () => {
  it('loads a plugin built for a compatible SDK', () => {
    expect(baseline.sdk).toBe(`^${SDK_VERSION}`);
  });

  it('refuses a plugin built for another SDK with one exact sentence', () => {
    const define = () => definePolicyPlugin({ id: 'future', version: '2.1.0', sdk: '^2.0.0', title: titles, source, messages: {}, rules: [] });
    expect(define).toThrow(SdkVersionMismatchError);
    expect(define).toThrow(new SdkVersionMismatchError(`Plugin "future" 2.1.0 was built for SDK ^2.0.0, but this is SDK ${SDK_VERSION}.`));
  });

  it('reads ^ as npm does: the left-most non-zero part is fixed', () => {
    expect(satisfies('1.4.0', '^1.2.3')).toBe(true);
    expect(satisfies('2.0.0', '^1.2.3')).toBe(false);
    expect(satisfies('1.2.2', '^1.2.3')).toBe(false);
    expect(satisfies('0.1.9', '^0.1.0')).toBe(true);
    expect(satisfies('0.2.0', '^0.1.0')).toBe(false);
    expect(satisfies('0.0.4', '^0.0.3')).toBe(false);
    expect(satisfies('0.1.0', '0.1.0')).toBe(true);
    expect(satisfies('0.1.1', '0.1.0')).toBe(false);
  });
});

describe('validating a definition', () => {
  it('lists the path of every bad field', () => {
    let error: unknown;
    try {
      definePolicyPlugin({
        id: 'Bad_Id',
        version: 'one',
        sdk: '>=0.1',
        title: { 'zh-CN': '', en: 'x' },
        source: { ...source, date: '2025-13-01' },
        config: z.object({ window: z.number() }),
        messages: { ok: { 'zh-CN': '{a}', en: '{b}' } },
        rules: [{ id: 'r', title: titles, clause: ' ', check: () => [] }],
        reminders: [{ id: 'meet', title: titles, clause: '一', when: { every: 'year', before: '02-30' }, recipients: [] }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PluginDefinitionError);
    expect((error as PluginDefinitionError).problems).toEqual([
      'id: must be kebab-case (a-z, 0-9 and single hyphens)',
      'version: must be a semver version such as 1.0.0',
      'sdk: must be ^x.y.z or x.y.z',
      'title.zh-CN: must not be empty',
      'source.date: must be a YYYY-MM-DD date',
      'messages.ok: zh-CN and en must use the same {params}',
      'rules[0].clause: must not be empty',
      'reminders[0].when.before: must be a MM-DD day of the year',
      'reminders[0].recipients: name at least one role',
      expect.stringMatching(/^config\.window: needs a default/),
    ]);
    expect((error as Error).message).toMatch(/^Plugin "Bad_Id" is invalid:\n {2}- id: must be kebab-case/);
  });

  it('names a parameter defined without a clause', () => {
    const define = () =>
      definePolicyPlugin({
        id: 'p',
        version: '1.0.0',
        sdk: SDK_VERSION,
        title: titles,
        source,
        parameters: { minDays: { values: { '2025-01-01': { value: 1, clause: '', published: '2025-01-01' } } } },
        messages: {},
        rules: [],
      });
    expect(define).toThrow('parameters.minDays: Parameter "minDays" has a value from 2025-01-01 without a clause; every value must cite the clause it comes from.');
  });

  it('refuses two rules with one id and a reminder on a rule that does not exist', () => {
    const rule = { id: 'same', title: titles, clause: '一', check: () => [] };
    expect(() =>
      definePolicyPlugin({
        id: 'p',
        version: '1.0.0',
        sdk: SDK_VERSION,
        title: titles,
        source,
        messages: {},
        rules: [rule, rule],
        reminders: [{ id: 'r', title: titles, clause: '一', when: { onFinding: 'nope' }, recipients: ['school_admin'] }],
      }),
    ).toThrow(/rules\[1\]\.id: "same" is used by another rule\n {2}- reminders\[0\]\.when\.onFinding: no rule "nope"/);
  });

  it('namespaces rule ids by the plugin id', () => {
    expect(baseline.rules.map((r) => r.id)).toEqual(['school-baseline/practice']);
  });

  it('fills the defaults of targets, tasks, reminders and reports', () => {
    const p = definePolicyPlugin({
      id: 'p',
      version: '1.0.0',
      sdk: SDK_VERSION,
      title: titles,
      source,
      messages: {},
      rules: [],
      targets: [{ id: 'craftsmen', title: titles, metric: 'craftsmen_trained', goal: 50, deadline: '2025-12-31', schedule: { perYear: 50, from: 2023 }, clause: '四(三)' }],
      tasks: [{ id: 'bases', title: titles, clause: '三(一)2', leadUnit: '教育局', due: '2023-12-31' }],
      reminders: [{ id: 'meetings', title: titles, clause: '二(一)', when: { timesPerYear: 2 }, recipients: ['bureau_admin'] }],
      reports: [{ id: 'annual', title: titles, sections: [{ title: titles }] }],
    });
    expect(p.targets[0]!.comparison).toBe('at-least');
    expect(p.tasks[0]!.coUnits).toEqual([]);
    expect(p.reports[0]!.sections[0]!.metrics).toEqual([]);
  });
});

describe('extending a baseline', () => {
  const regional = definePolicyPlugin({
    id: 'regional',
    version: '1.0.0',
    sdk: SDK_VERSION,
    title: titles,
    source,
    extends: baseline,
    parameterOverrides: {
      practiceDays: { values: { '2020-08-09': { value: 180, clause: '三(三)10', published: '2020-08-09' } } },
    },
    messages: {},
    rules: [],
  });

  it('changes only the overridden parameter', () => {
    expect(parameterAt(regional.parameters.practiceDays!, '2025-01-01')).toMatchObject({ value: 180, clause: '三(三)10' });
    expect(regional.parameters.committeeMeetingsPerYear).toBe(baseline.parameters.committeeMeetingsPerYear);
    expect(parameterAt(baseline.parameters.practiceDays!, '2025-01-01').value).toBe(60);
  });

  it("keeps the baseline's rules under the baseline's namespace", () => {
    expect(regional.rules.map((r) => r.id)).toEqual(['school-baseline/practice']);
    expect(regional.layers.map((l) => l.id)).toEqual(['regional', 'school-baseline']);
  });

  it('refuses to override what the baseline does not have, or to redefine what it has', () => {
    expect(() =>
      definePolicyPlugin({
        id: 'regional',
        version: '1.0.0',
        sdk: SDK_VERSION,
        title: titles,
        source,
        extends: baseline,
        parameters: { practiceDays: { values: { '2020-01-01': { value: 1, clause: '一', published: '2020-01-01' } } } },
        parameterOverrides: { holidays: { values: { '2020-01-01': { value: 1, clause: '一', published: '2020-01-01' } } } },
        messages: {},
        rules: [],
      }),
    ).toThrow(
      'Plugin "regional" is invalid:\n' +
        '  - parameterOverrides.holidays: baseline "school-baseline" has no parameter "holidays"\n' +
        '  - parameters.practiceDays: baseline "school-baseline" already defines it; change it through parameterOverrides',
    );
  });

  it('refuses an override of another type', () => {
    expect(() =>
      definePolicyPlugin({
        id: 'regional',
        version: '1.0.0',
        sdk: SDK_VERSION,
        title: titles,
        source,
        extends: baseline,
        parameterOverrides: { practiceDays: { values: { '2020-01-01': { value: '180', clause: '一', published: '2020-01-01' } } } },
        messages: {},
        rules: [],
      }),
    ).toThrow('parameterOverrides.practiceDays: must hold number values like the baseline\'s');
  });
});
