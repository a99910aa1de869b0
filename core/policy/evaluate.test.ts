// Specification of evaluatePlugins: plugins run in isolation over a frozen view, and findings
// carry the parameter values (with dates and clauses) they were computed from.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dataView, type TeacherView } from './data-view.ts';
import { definePolicyPlugin, SDK_VERSION } from './define-policy-plugin.ts';
import { evaluatePlugins } from './evaluate.ts';

const source = { title: '示例', issuer: '示例局', date: '2024-01-01', referenceNumber: null, seedFile: 'example.txt' };
const titles = { 'zh-CN': '示例', en: 'Example' };
const meta = { version: '1.0.0', sdk: `^${SDK_VERSION}`, title: titles, source };

const teacher = (id: string, overrides: Partial<TeacherView> = {}): TeacherView => ({
  id,
  schoolId: 's1',
  name: `教师${id}`,
  hireDate: '2015-09-01',
  isProfessional: true,
  dualQualified: false,
  practicePeriods: [],
  ...overrides,
});

/** Flags every teacher who is not 双师型, citing a dated parameter so the explanation has one. */
const dualQualified = definePolicyPlugin({
  ...meta,
  id: 'dual-qualified',
  config: z.object({ severity: z.enum(['warning', 'violation']).default('warning') }),
  parameters: {
    dualShare: {
      values: {
        '2020-01-01': { value: 0.5, clause: '三(二)4', published: '2019-12-20' },
        '2024-01-01': { value: 0.6, clause: '三(二)4', published: '2023-12-20' },
      },
    },
  },
  messages: { notDual: { 'zh-CN': '{name}不是双师型教师(目标{share})', en: '{name} is not dual-qualified (goal {share})' } },
  rules: [
    {
      id: 'not-dual',
      title: titles,
      clause: '三(二)4',
      check: (view, ctx) =>
        view.teachers
          .filter((t) => !t.dualQualified)
          .map((t) => ({
            subject: { type: 'teacher' as const, id: t.id },
            severity: ctx.config.severity,
            messageId: 'notDual' as const,
            params: { name: t.name, share: ctx.param('dualShare') },
            facts: { dualQualified: t.dualQualified },
          })),
    },
  ],
});

const throwing = definePolicyPlugin({
  ...meta,
  id: 'throwing',
  messages: { never: { 'zh-CN': '不会出现', en: 'never shown' } },
  rules: [
    { id: 'fine', title: titles, clause: '一', check: (v) => v.teachers.map((t) => ({ subject: { type: 'teacher', id: t.id }, severity: 'info', messageId: 'never' })) },
    { id: 'broken', title: titles, clause: '二', check: () => { throw new Error('boom'); } },
  ],
});

const view = () => dataView({ teachers: [teacher('t1'), teacher('t2', { dualQualified: true })] });

describe('evaluating plugins', () => {
  it('returns findings with their rule, clause, and the parameter values read, with dates and clauses', () => {
    const { findings, errors } = evaluatePlugins([dualQualified], view(), '2024-01-01');
    expect(errors).toEqual([]);
    expect(findings).toEqual([
      {
        pluginId: 'dual-qualified',
        pluginVersion: '1.0.0',
        ruleId: 'dual-qualified/not-dual',
        subject: { type: 'teacher', id: 't1' },
        severity: 'warning',
        messageId: 'notDual',
        params: { name: '教师t1', share: 0.6 },
        clause: '三(二)4',
        at: '2024-01-01',
        explanation: {
          parameters: [{ name: 'dualShare', value: 0.6, effectiveFrom: '2024-01-01', clause: '三(二)4', published: '2023-12-20' }],
          facts: { dualQualified: false },
        },
      },
    ]);
  });

  it('evaluates a past date under the values in force then', () => {
    const [finding] = evaluatePlugins([dualQualified], view(), '2023-12-31').findings;
    expect(finding?.explanation.parameters[0]).toMatchObject({ value: 0.5, effectiveFrom: '2020-01-01' });
  });

  it("passes each plugin its tenant config, parsed with the plugin's defaults", () => {
    const { findings } = evaluatePlugins([dualQualified], view(), '2024-01-01', { configs: { 'dual-qualified': { severity: 'violation' } } });
    expect(findings[0]?.severity).toBe('violation');
  });

  it('turns a bad config into a plugin error naming the field', () => {
    const { errors } = evaluatePlugins([dualQualified], view(), '2024-01-01', { configs: { 'dual-qualified': { severity: 'loud' } } });
    expect(errors).toMatchObject([{ pluginId: 'dual-qualified', kind: 'config', message: expect.stringContaining('config.severity:') }]);
  });
});

describe('isolation', () => {
  it("records a throwing plugin as a plugin error and keeps another plugin's findings", () => {
    const { findings, errors } = evaluatePlugins([throwing, dualQualified], view(), '2024-01-01');
    expect(errors).toEqual([{ pluginId: 'throwing', pluginVersion: '1.0.0', ruleId: 'throwing/broken', kind: 'threw', message: 'Rule "throwing/broken" threw: boom' }]);
    // None of the throwing plugin's findings survive, not even those of its rule that worked.
    expect(findings.map((f) => f.ruleId)).toEqual(['dual-qualified/not-dual']);
  });

  it('rejects a finding with a message id the plugin does not declare', () => {
    const sloppy = definePolicyPlugin({
      ...meta,
      id: 'sloppy',
      messages: { known: { 'zh-CN': '已知', en: 'known' } },
      rules: [{ id: 'r', title: titles, clause: '一', check: () => [{ subject: { type: 'tenant', id: 'x' }, severity: 'info', messageId: 'unknwon' as 'known' }] }],
    });
    const { findings, errors } = evaluatePlugins([sloppy, dualQualified], view(), '2024-01-01');
    expect(errors).toMatchObject([{ pluginId: 'sloppy', kind: 'unknown-message', message: 'Rule "sloppy/r" reported message id "unknwon", which plugin "sloppy" does not declare.' }]);
    expect(findings).toHaveLength(1);
  });

  it('rejects a finding that leaves a {param} of its message unfilled', () => {
    const p = definePolicyPlugin({
      ...meta,
      id: 'unfilled',
      messages: { days: { 'zh-CN': '{days}天', en: '{days} days' } },
      rules: [{ id: 'r', title: titles, clause: '一', check: () => [{ subject: { type: 'tenant', id: 'x' }, severity: 'info', messageId: 'days' }] }],
    });
    expect(evaluatePlugins([p], view(), '2024-01-01').errors).toMatchObject([{ kind: 'bad-finding', message: 'Rule "unfilled/r" finding [0]: message "days" needs params {days}.' }]);
  });

  it('turns a parameter read before its first date into a plugin error', () => {
    const { errors } = evaluatePlugins([dualQualified], view(), '2019-12-31');
    expect(errors).toMatchObject([{ kind: 'parameter-not-in-force', message: expect.stringContaining('first value takes effect on 2020-01-01') }]);
  });

  it('freezes the view so a rule cannot change what others see', () => {
    const mutating = definePolicyPlugin({
      ...meta,
      id: 'mutating',
      messages: {},
      rules: [{ id: 'r', title: titles, clause: '一', check: (v) => { (v.teachers[0] as { name: string }).name = 'changed'; return []; } }],
    });
    const data = view();
    const { errors, findings } = evaluatePlugins([mutating, dualQualified], data, '2024-01-01');
    expect(errors).toMatchObject([{ pluginId: 'mutating', kind: 'threw' }]);
    expect(data.teachers[0]?.name).toBe('教师t1');
    expect(findings[0]?.params.name).toBe('教师t1');
    expect(Object.isFrozen(data.teachers[0]?.practicePeriods)).toBe(true);
  });

  it('refuses to run a baseline next to a plugin that already extends it', () => {
    const regional = definePolicyPlugin({ ...meta, id: 'regional', extends: dualQualified, messages: {}, rules: [] });
    const { findings, errors } = evaluatePlugins([dualQualified, regional], view(), '2024-01-01');
    expect(errors).toMatchObject([{ pluginId: 'dual-qualified', kind: 'duplicate' }]);
    expect(findings.map((f) => [f.pluginId, f.ruleId])).toEqual([['regional', 'dual-qualified/not-dual']]);
  });
});

describe('reads', () => {
  const reader = (reads: ('teachers' | 'majors')[]) =>
    definePolicyPlugin({
      ...meta,
      id: 'majors-reader',
      reads,
      messages: { closed: { 'zh-CN': '专业{code}已停办', en: 'Major {code} is closed' } },
      rules: [
        {
          id: 'closed-major',
          title: titles,
          clause: '一',
          check: (view) => view.majors.filter((m) => m.closedOn !== null).map((m) => ({ subject: { type: 'tenant' as const, id: m.id }, severity: 'info' as const, messageId: 'closed' as const, params: { code: m.code } })),
        },
      ],
    });
  const major = { id: 'm1', schoolId: 's1', code: '660301', name: '机电', clusterId: null, industryChainId: null, openedOn: '2020-09-01', closedOn: '2025-07-01', isIntegration: false } as const;

  it('lets a rule read the collections its plugin lists', () => {
    const result = evaluatePlugins([reader(['majors'])], dataView({ majors: [major] }), '2026-01-01');
    expect([result.errors, result.findings.map((f) => f.params)]).toEqual([[], [{ code: '660301' }]]);
  });

  it('fails the plugin when a rule reads a collection it did not list', () => {
    const result = evaluatePlugins([reader(['teachers'])], dataView({ majors: [major] }), '2026-01-01');
    expect(result.errors.map((e) => [e.kind, e.message])).toEqual([['threw', 'Rule "majors-reader/closed-major" read "majors", which plugin "majors-reader" does not list in reads.']]);
  });

  it('reads everything when a plugin lists nothing, and a baseline\'s reads count for the plugin extending it', () => {
    expect(dualQualified.reads).toHaveLength(7);
    const child = definePolicyPlugin({ ...meta, id: 'child', extends: reader(['majors']), reads: ['teachers'], messages: {}, rules: [] });
    expect(child.reads).toEqual(['teachers', 'majors']);
  });
});
