// The plan's checkable clauses as fixtures: each `it` is one sentence of 二(二)2 or 二(三)2 at its
// edges, run through the SDK's harness on a fixed date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginTestError, testPlugin, type InternshipView, type TeacherView } from '../../core/policy/index.ts';
import plugin, { addMonths, monthsIn } from './plugin.ts';

type Period = [start: string, end: string];

const teacher = (id: string, periods: Period[], over: Partial<TeacherView> = {}): TeacherView => ({
  id,
  schoolId: 'zbkjxx',
  name: `教师${id}`,
  hireDate: '2010-09-01',
  isProfessional: true,
  dualQualified: false,
  practicePeriods: periods.map(([startOn, endOn], i) => ({ id: `${id}-p${i}`, enterpriseId: null, enterpriseName: `企业${i}`, startOn, endOn, rating: 'pass' })),
  ...over,
});

/** Hired 2025-06-01, under the plan: the first 3 years end on 2028-05-31. */
const newTeacher = (id: string, periods: Period[], hireDate = '2025-06-01') => teacher(id, periods, { hireDate });

const evaluation = (evaluatedOn: string) => ({ score: '90.00', evaluatedOn });
const internship = (id: string, over: Partial<InternshipView> = {}): InternshipView => ({
  id,
  studentId: `st-${id}`,
  schoolId: 'zbkjxx',
  enterpriseId: 'e1',
  agreementId: null,
  kind: 'post',
  status: 'completed',
  startOn: '2026-03-01',
  endOn: '2026-06-30',
  insurance: { policyNumber: null, start: null, end: null, liability: true, accident: true },
  evaluations: { school: evaluation('2026-07-05'), enterprise: evaluation('2026-07-03') },
  ...over,
});

describe('what "N months" means', () => {
  it('counts calendar months from the first day: January to June is exactly 6 months, one day less is 5 months 29 days', () => {
    expect(monthsIn('2026-01-01', '2026-06-30')).toEqual({ months: 6, days: 0 });
    expect(monthsIn('2026-01-01', '2026-06-29')).toEqual({ months: 5, days: 29 });
    expect(monthsIn('2026-07-01', '2026-12-31')).toEqual({ months: 6, days: 0 });
  });

  it('falls back to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28');
  });
});

describe('二(三)2 专业课教师每5年累计不少于6个月赴企业实践', () => {
  const at = '2026-12-31';

  it('passes exactly 6 months', () => {
    testPlugin(plugin, { name: 'exactly 6 months', at, data: { teachers: [teacher('t1', [['2026-01-01', '2026-06-30']])] }, expect: [] });
  });

  it('fails 5 months 29 days, saying how much is missing', () => {
    testPlugin(plugin, {
      name: '5 months 29 days',
      at,
      data: { teachers: [teacher('t1', [['2026-01-01', '2026-06-29']])] },
      expect: [
        {
          rule: 'cumulative-practice-short',
          subject: 'teacher:t1',
          messageId: 'cumulativePracticeShort',
          severity: 'violation',
          params: { name: '教师t1', windowStart: '2022-01-01', windowEnd: at, years: 5, months: 5, days: 29, required: 6 },
        },
      ],
    });
  });

  it('adds up separate periods: two periods of 3 months pass, and leftover days pool at 30 a month', () => {
    testPlugin(plugin, {
      name: 'cumulative',
      at,
      data: {
        teachers: [
          teacher('t1', [['2023-07-01', '2023-09-30'], ['2025-07-01', '2025-09-30']]),
          // 3 months 15 days + 2 months 15 days = 5 months 30 days = 6 months.
          teacher('t2', [['2023-01-01', '2023-04-15'], ['2024-01-01', '2024-03-15']]),
        ],
      },
      expect: [],
    });
  });

  it('counts a day two records cover once', () => {
    testPlugin(plugin, {
      name: 'overlap',
      at,
      data: { teachers: [teacher('t1', [['2026-01-01', '2026-04-30'], ['2026-03-01', '2026-06-29']])] },
      expect: [{ rule: 'cumulative-practice-short', subject: 'teacher:t1', messageId: 'cumulativePracticeShort', params: { name: '教师t1', windowStart: '2022-01-01', windowEnd: at, years: 5, months: 5, days: 29, required: 6 } }],
    });
  });

  it('counts only the days inside the rolling five years, and none still to come', () => {
    testPlugin(plugin, {
      name: 'window edges',
      at: '2026-06-30',
      data: {
        teachers: [
          // The window is 2021-07-01..2026-06-30: 2021-01-01..2021-12-31 keeps exactly July to December.
          teacher('inside', [['2021-01-01', '2021-12-31']]),
          teacher('before', [['2020-12-01', '2021-06-30']]),
          teacher('future', [['2026-04-01', '2026-09-30']]),
        ],
      },
      expect: [
        { rule: 'cumulative-practice-short', subject: 'teacher:before', messageId: 'cumulativePracticeShort', params: { name: '教师before', windowStart: '2021-07-01', windowEnd: '2026-06-30', years: 5, months: 0, days: 0, required: 6 } },
        { rule: 'cumulative-practice-short', subject: 'teacher:future', messageId: 'cumulativePracticeShort', params: { name: '教师future', windowStart: '2021-07-01', windowEnd: '2026-06-30', years: 5, months: 3, days: 0, required: 6 } },
      ],
    });
  });

  it('checks only professional teachers with five years behind them (an unknown hire date counts as long-serving)', () => {
    testPlugin(plugin, {
      name: 'who is checked',
      at,
      data: {
        teachers: [
          teacher('general', [], { isProfessional: false }),
          teacher('hired-after-window-start', [], { hireDate: '2022-01-02' }),
          teacher('hired-on-window-start', [], { hireDate: '2022-01-01' }),
          teacher('unknown-hire', [], { hireDate: null }),
        ],
      },
      expect: [
        { rule: 'cumulative-practice-short', subject: 'teacher:hired-on-window-start', messageId: 'cumulativePracticeShort' },
        { rule: 'cumulative-practice-short', subject: 'teacher:unknown-hire', messageId: 'cumulativePracticeShort' },
      ],
    });
  });

  it('explains a finding with the values, their clause and the document date', () => {
    const { findings } = testPlugin(plugin, {
      at,
      data: { teachers: [teacher('t1', [])] },
      expect: [{ rule: 'cumulative-practice-short', subject: 'teacher:t1', messageId: 'cumulativePracticeShort' }],
    });
    expect(findings[0]?.clause).toBe('二(三)2');
    expect(findings[0]?.explanation.parameters).toEqual([
      { name: 'practiceWindowYears', value: 5, effectiveFrom: '2025-05-28', clause: '二(三)2', published: '2025-05-28' },
      { name: 'minCumulativePracticeMonths', value: 6, effectiveFrom: '2025-05-28', clause: '二(三)2', published: '2025-05-28' },
    ]);
  });

  it('has no answer before the plan existed', () => {
    expect(() => testPlugin(plugin, { at: '2025-05-27', data: {}, expect: [] })).toThrow(PluginTestError);
    testPlugin(plugin, { at: '2025-05-28', data: {}, expect: [] });
  });
});

describe('二(三)2 新入职专业课教师前3年应在企业连续实践6个月以上', () => {
  const pending = { rule: 'new-teacher-continuous-practice', messageId: 'newTeacherPracticePending', severity: 'warning' } as const;
  const missed = { rule: 'new-teacher-continuous-practice', messageId: 'newTeacherPracticeMissed', severity: 'violation' } as const;

  it('warns while the 3 years run, up to and including their last day', () => {
    testPlugin(plugin, {
      name: 'last day inside',
      at: '2028-05-31',
      data: { teachers: [newTeacher('n1', [])] },
      expect: [{ ...pending, subject: 'teacher:n1', params: { name: '教师n1', years: 3, deadline: '2028-05-31', required: 6, months: 0, days: 0 } }],
    });
  });

  it('is a violation the day after the 3 years end', () => {
    testPlugin(plugin, {
      name: 'first day after',
      at: '2028-06-01',
      data: { teachers: [newTeacher('n1', [])] },
      expect: [{ ...missed, subject: 'teacher:n1', params: { name: '教师n1', years: 3, deadline: '2028-05-31', required: 6, months: 0, days: 0 } }],
    });
  });

  it('passes exactly 6 continuous months and fails 5 months 29 days', () => {
    testPlugin(plugin, {
      name: 'continuous edges',
      at: '2028-06-01',
      data: { teachers: [newTeacher('six', [['2026-01-01', '2026-06-30']]), newTeacher('short', [['2026-01-01', '2026-06-29']])] },
      expect: [{ ...missed, subject: 'teacher:short', params: { name: '教师short', years: 3, deadline: '2028-05-31', required: 6, months: 5, days: 29 } }],
    });
  });

  it('fails two periods of 3 months, which the cumulative rule would accept', () => {
    testPlugin(plugin, {
      name: 'two times 3 months',
      at: '2028-06-01',
      data: { teachers: [newTeacher('n1', [['2025-07-01', '2025-09-30'], ['2026-07-01', '2026-09-30']])] },
      expect: [{ ...missed, subject: 'teacher:n1', params: { name: '教师n1', years: 3, deadline: '2028-05-31', required: 6, months: 3, days: 0 } }],
    });
  });

  it('treats back-to-back records (e.g. two enterprises) as one continuous stretch', () => {
    testPlugin(plugin, { name: 'back to back', at: '2028-06-01', data: { teachers: [newTeacher('n1', [['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-06-30']])] }, expect: [] });
  });

  it('counts only what falls inside the first 3 years', () => {
    testPlugin(plugin, {
      name: 'straddles the deadline',
      at: '2028-06-01',
      data: { teachers: [newTeacher('n1', [['2028-01-01', '2028-12-31']])] },
      expect: [{ ...missed, subject: 'teacher:n1', params: { name: '教师n1', years: 3, deadline: '2028-05-31', required: 6, months: 5, days: 0 } }],
    });
  });

  it('applies to teachers hired on or after the plan date, and to professional teachers only', () => {
    testPlugin(plugin, {
      name: 'who is new',
      at: '2026-01-01',
      data: {
        teachers: [
          newTeacher('day-before', [], '2025-05-27'),
          newTeacher('plan-day', [], '2025-05-28'),
          teacher('general', [], { hireDate: '2025-09-01', isProfessional: false }),
          teacher('not-yet-hired', [], { hireDate: '2026-02-01' }),
        ],
      },
      expect: [{ ...pending, subject: 'teacher:plan-day', params: { name: '教师plan-day', years: 3, deadline: '2028-05-27', required: 6, months: 0, days: 0 } }],
    });
  });
});

describe('二(二)2 实行校企“双主体”考核评价制度', () => {
  const at = '2026-08-01';
  const rule = 'dual-evaluation-missing';

  it('is satisfied by both sides’ evaluations', () => {
    testPlugin(plugin, { at, data: { internships: [internship('i1')] }, expect: [] });
  });

  it('warns, by default, for each ended internship missing a side, naming the side', () => {
    testPlugin(plugin, {
      name: 'missing sides',
      at,
      data: {
        internships: [
          internship('no-enterprise', { evaluations: { school: evaluation('2026-07-05'), enterprise: null } }),
          internship('no-school', { evaluations: { school: null, enterprise: evaluation('2026-07-03') } }),
          // Still "ongoing" in the records, but past its last day: it has ended.
          internship('overdue', { status: 'ongoing', evaluations: { school: null, enterprise: null } }),
          // Evaluated only after the evaluation date: not yet evaluated on it.
          internship('later', { evaluations: { school: evaluation('2026-08-02'), enterprise: evaluation('2026-07-03') } }),
        ],
      },
      expect: [
        { rule, subject: 'internship:no-enterprise', messageId: 'enterpriseEvaluationMissing', severity: 'warning', params: { endOn: '2026-06-30' } },
        { rule, subject: 'internship:no-school', messageId: 'schoolEvaluationMissing', severity: 'warning', params: { endOn: '2026-06-30' } },
        { rule, subject: 'internship:overdue', messageId: 'bothEvaluationsMissing', severity: 'warning', params: { endOn: '2026-06-30' } },
        { rule, subject: 'internship:later', messageId: 'schoolEvaluationMissing', severity: 'warning' },
      ],
    });
  });

  it('leaves internships that have not ended, or were cut short, alone', () => {
    const none = { school: null, enterprise: null };
    testPlugin(plugin, {
      name: 'not ended',
      at: '2026-06-30',
      data: {
        internships: [
          internship('last-day', { status: 'ongoing', evaluations: none }),
          internship('planned', { status: 'planned', startOn: '2026-09-01', endOn: '2026-12-31', evaluations: none }),
          internship('terminated', { status: 'terminated', endOn: '2026-05-01', evaluations: none }),
        ],
      },
      expect: [],
    });
  });

  it('reports a violation when the bureau configures it so', () => {
    testPlugin(plugin, {
      at,
      configs: { 'gaoqing-zbkjxx-2025': { missingEvaluationSeverity: 'violation' } },
      data: { internships: [internship('i1', { evaluations: { school: null, enterprise: null } })] },
      expect: [{ rule, subject: 'internship:i1', messageId: 'bothEvaluationsMissing', severity: 'violation' }],
    });
  });
});

describe('the plan as a whole', () => {
  it('dates every value to the document and cites a clause', () => {
    for (const p of Object.values(plugin.parameters)) {
      for (const v of p.values) expect([v.effectiveFrom, v.published, v.clause.length > 0]).toEqual(['2025-05-28', '2025-05-28', true]);
    }
  });

  it('puts every target and task at the end of the 2–3-year horizon', () => {
    expect(new Set([...plugin.targets.map((t) => t.deadline), ...plugin.tasks.map((t) => t.due)])).toEqual(new Set(['2028-05-28']));
  });

  it('lists every rule, parameter, target, task and reminder in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [
      ...plugin.rules.map((r) => r.id.split('/')[1]!),
      ...Object.keys(plugin.parameters),
      ...plugin.targets.map((t) => t.id),
      ...plugin.tasks.map((t) => t.id),
      ...plugin.reminders.map((r) => r.id),
    ];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
