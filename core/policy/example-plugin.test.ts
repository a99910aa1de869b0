// One tiny plugin written the way region plugins will be, tested through the fixture harness:
// "a teacher has ≥ N days of enterprise practice in the rolling five years", N a dated parameter.
import { describe, expect, it } from 'vitest';
import { fiveYearWindow, practiceDays } from '../teachers/practice-days.ts';
import { definePolicyPlugin, PluginTestError, SDK_VERSION, testPlugin, type TeacherView } from './index.ts';

const titles = { 'zh-CN': '教师企业实践', en: 'Teacher enterprise practice' };

const example = definePolicyPlugin({
  id: 'example-practice',
  version: '0.1.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source: { title: '示例实施方案', issuer: '示例县教育局', date: '2020-08-09', referenceNumber: null, seedFile: 'example.txt' },
  parameters: {
    minPracticeDays: {
      unit: 'days',
      values: {
        '2020-08-09': { value: 180, clause: '三(三)10', published: '2020-08-09' },
        // Hypothetical tightening, so the fixtures can cross a change of value.
        '2023-01-01': { value: 200, clause: '三(三)10', published: '2022-12-01' },
      },
    },
  },
  messages: {
    practiceShort: {
      'zh-CN': '{name}近五年企业实践{days}天,少于{required}天',
      en: '{name} has {days} days of enterprise practice in five years, fewer than {required}',
    },
  },
  rules: [
    {
      id: 'practice-short',
      title: titles,
      clause: '三(三)10',
      check(view, ctx) {
        const required = ctx.param('minPracticeDays');
        // @ts-expect-error: ctx.param only knows the plugin's own parameters.
        void (() => ctx.param('noSuchParameter'));
        const window = fiveYearWindow(ctx.at);
        return view.teachers
          .filter((t) => t.isProfessional)
          .map((t) => ({ t, days: practiceDays(t.practicePeriods.map((p) => ({ start_on: p.startOn, end_on: p.endOn })), window) }))
          .filter(({ days }) => days < required)
          .map(({ t, days }) => ({
            subject: { type: 'teacher', id: t.id },
            severity: 'violation',
            messageId: 'practiceShort',
            params: { name: t.name, days, required },
            facts: { windowStart: window.start, windowEnd: window.end, days },
          }));
      },
    },
  ],
});

/** 180 days: 2022-01-01 to 2022-06-29, both included. */
const teacher = (id: string, endOn = '2022-06-29'): TeacherView => ({
  id,
  schoolId: 's1',
  name: `教师${id}`,
  hireDate: '2010-09-01',
  isProfessional: true,
  dualQualified: false,
  practicePeriods: [{ id: `${id}-p`, enterpriseId: null, enterpriseName: '示例企业', startOn: '2022-01-01', endOn, rating: 'pass' }],
});

describe('the example rule through testPlugin', () => {
  it('passes exactly 180 days the day before the parameter changes', () => {
    testPlugin(example, { name: '180 days under the 180-day value', at: '2022-12-31', data: { teachers: [teacher('t1')] }, expect: [] });
  });

  it('fails one day less', () => {
    testPlugin(example, {
      name: '179 days',
      at: '2022-12-31',
      data: { teachers: [teacher('t1', '2022-06-28')] },
      expect: [{ rule: 'practice-short', subject: 'teacher:t1', messageId: 'practiceShort', params: { name: '教师t1', days: 179, required: 180 } }],
    });
  });

  it('fails the same 180 days on the day the 200-day value takes effect, and explains why', () => {
    const { findings } = testPlugin(example, {
      name: '180 days under the 200-day value',
      at: '2023-01-01',
      data: { teachers: [teacher('t1')] },
      expect: [{ rule: 'practice-short', subject: { type: 'teacher', id: 't1' }, messageId: 'practiceShort', severity: 'violation' }],
    });
    expect(findings[0]?.explanation).toEqual({
      parameters: [{ name: 'minPracticeDays', value: 200, effectiveFrom: '2023-01-01', clause: '三(三)10', published: '2022-12-01' }],
      facts: { windowStart: '2018-01-02', windowEnd: '2023-01-01', days: 180 },
    });
  });
});

describe('the harness itself', () => {
  it('fails on an expected message id the plugin does not declare, naming the fixture', () => {
    expect(() =>
      testPlugin(example, {
        name: 'typo in the fixture',
        at: '2022-12-31',
        data: { teachers: [teacher('t1', '2022-06-28')] },
        expect: [{ rule: 'practice-short', subject: 'teacher:t1', messageId: 'practiceShrot' }],
      }),
    ).toThrow(/^Fixture "typo in the fixture" of plugin "example-practice" \(.*example-plugin\.test\.ts:\d+:\d+\):\n {2}expect\[0\] uses message id "practiceShrot", which plugin "example-practice" does not declare\.$/);
  });

  it('lists missing and unexpected findings', () => {
    const run = () =>
      testPlugin(example, {
        name: 'wrong params',
        at: '2022-12-31',
        data: { teachers: [teacher('t1', '2022-06-28')] },
        expect: [{ rule: 'practice-short', subject: 'teacher:t1', messageId: 'practiceShort', params: { name: '教师t1', days: 180, required: 180 } }],
      });
    expect(run).toThrow(PluginTestError);
    expect(run).toThrow(
      'missing:    example-practice/practice-short teacher:t1 practiceShort {"name":"教师t1","days":180,"required":180}\n' +
        '  unexpected: example-practice/practice-short teacher:t1 practiceShort {"name":"教师t1","days":179,"required":180} (violation)',
    );
  });

  it('fails on a plugin error, such as a date before the first parameter value', () => {
    expect(() => testPlugin(example, { name: 'too early', at: '2020-08-08', data: {}, expect: [] })).toThrow(
      /Fixture "too early".*\n {2}plugin error \(parameter-not-in-force\): .*Parameter "minPracticeDays" has no value on 2020-08-08/,
    );
  });

  it('fails on a rule id the plugin does not have', () => {
    expect(() => testPlugin(example, { at: '2022-12-31', data: {}, expect: [{ rule: 'nope', subject: 'teacher:t1', messageId: 'practiceShort' }] })).toThrow(
      /^Fixture "at 2022-12-31" of plugin "example-practice".*\n {2}expect\[0\] names rule "nope", which the plugin does not have\.$/,
    );
  });
});
