// The plan's checkable clauses as fixtures: 三(三)10 teacher practice and hiring, 三(五)17 insurance,
// 三(五)16 the deduction, and the targets, tasks and reminders, each at its edges on a fixed date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginTestError, testPlugin, type InternshipView, type TeacherView } from '../../core/policy/index.ts';
import plugin, { educationSurchargeDeduction } from './plugin.ts';

type Period = [start: string, end: string];

const teacher = (id: string, periods: Period[], over: Partial<TeacherView> = {}): TeacherView => ({
  id,
  schoolId: 'school-12',
  name: `教师${id}`,
  hireDate: '2010-09-01',
  isProfessional: true,
  dualQualified: false,
  practicePeriods: periods.map(([startOn, endOn], i) => ({ id: `${id}-p${i}`, enterpriseId: null, enterpriseName: `企业${i}`, startOn, endOn, rating: 'pass' })),
  ...over,
});

const internship = (id: string, over: Partial<InternshipView> = {}): InternshipView => ({
  id,
  studentId: `st-${id}`,
  schoolId: 'school-12',
  enterpriseId: 'e1',
  agreementId: null,
  kind: 'post',
  status: 'completed',
  startOn: '2024-03-01',
  endOn: '2024-06-30',
  insurance: { policyNumber: 'P1', start: '2024-03-01', end: '2024-06-30', liability: true, accident: true },
  evaluations: { school: null, enterprise: null },
  ...over,
});

describe('三(三)10 专业教师到企业实践每5年累计不少于6个月', () => {
  const at = '2024-12-31';
  const rule = 'cumulative-practice-short';

  it('passes exactly 6 months and fails 5 months 29 days', () => {
    testPlugin(plugin, {
      name: 'edges',
      at,
      data: { teachers: [teacher('six', [['2024-01-01', '2024-06-30']]), teacher('short', [['2024-01-01', '2024-06-29']])] },
      expect: [{ rule, subject: 'teacher:short', messageId: 'cumulativePracticeShort', severity: 'violation', params: { name: '教师short', windowStart: '2020-01-01', windowEnd: at, years: 5, months: 5, days: 29, required: 6 } }],
    });
  });

  it('adds up separate periods: two of 3 months make 6', () => {
    testPlugin(plugin, { at, data: { teachers: [teacher('t1', [['2021-07-01', '2021-09-30'], ['2023-07-01', '2023-09-30']])] }, expect: [] });
  });

  it('counts only the days inside the rolling 5 years', () => {
    testPlugin(plugin, {
      name: 'exactly 6 months inside the window',
      at,
      data: { teachers: [teacher('t1', [['2019-07-01', '2020-06-30']])] },
      expect: [],
    });
    testPlugin(plugin, {
      name: 'one day outside',
      at,
      data: { teachers: [teacher('t1', [['2019-07-01', '2020-06-29']])] },
      expect: [{ rule, subject: 'teacher:t1', messageId: 'cumulativePracticeShort', params: { name: '教师t1', windowStart: '2020-01-01', windowEnd: at, years: 5, months: 5, days: 29, required: 6 } }],
    });
  });

  it('leaves general-course teachers alone', () => {
    testPlugin(plugin, { at, data: { teachers: [teacher('g', [], { isProfessional: false })] }, expect: [] });
  });
});

describe('三(三)10 新入职专业教师前3年应在企业实践6个月以上', () => {
  const rule = 'new-teacher-practice';
  const hired = '2021-09-01'; // the first 3 years end on 2024-08-31

  it('accepts 6 months made of two 3-month periods: the text says 6个月以上, not 连续', () => {
    testPlugin(plugin, { at: '2024-09-01', data: { teachers: [teacher('n1', [['2022-01-01', '2022-03-31'], ['2023-07-01', '2023-09-30']], { hireDate: hired })] }, expect: [] });
  });

  it('warns up to the last day of the 3 years and is a violation the day after', () => {
    const n = teacher('n1', [['2022-01-01', '2022-06-29']], { hireDate: hired });
    const params = { name: '教师n1', years: 3, deadline: '2024-08-31', required: 6, months: 5, days: 29 };
    testPlugin(plugin, { at: '2024-08-31', data: { teachers: [n] }, expect: [{ rule, subject: 'teacher:n1', messageId: 'newTeacherPracticePending', severity: 'warning', params }] });
    testPlugin(plugin, { at: '2024-09-01', data: { teachers: [n] }, expect: [{ rule, subject: 'teacher:n1', messageId: 'newTeacherPracticeMissed', severity: 'violation', params }] });
  });

  it('applies to teachers hired on or after the plan date (2020-08-09)', () => {
    testPlugin(plugin, {
      name: 'who is new',
      at: '2021-01-01',
      data: { teachers: [teacher('before', [], { hireDate: '2020-08-08' }), teacher('plan-day', [], { hireDate: '2020-08-09' })] },
      expect: [{ rule, subject: 'teacher:plan-day', messageId: 'newTeacherPracticePending', params: { name: '教师plan-day', years: 3, deadline: '2023-08-08', required: 6, months: 0, days: 0 } }],
    });
  });
});

describe('三(三)10 2022年起专业教师从具有3年以上企业工作经历并具有高职以上学历的人员中招聘', () => {
  it('asks to check a teacher hired 2022-01-01, not one hired 2021-12-31', () => {
    const practised: Period[] = [['2022-01-01', '2022-06-30']];
    testPlugin(plugin, {
      at: '2022-07-01',
      data: { teachers: [teacher('old', practised, { hireDate: '2021-12-31' }), teacher('new', practised, { hireDate: '2022-01-01' })] },
      expect: [{ rule: 'hiring-qualification-check', subject: 'teacher:new', messageId: 'hiringQualificationCheck', severity: 'info', params: { name: '教师new', hireDate: '2022-01-01', years: 3 } }],
    });
  });

  it('raises a warning when the bureau configures it so', () => {
    testPlugin(plugin, {
      at: '2022-07-01',
      configs: { 'xpcc12-2020': { hiringCheckSeverity: 'warning' } },
      data: { teachers: [teacher('new', [['2022-01-01', '2022-06-30']], { hireDate: '2022-01-01' })] },
      expect: [{ rule: 'hiring-qualification-check', subject: 'teacher:new', messageId: 'hiringQualificationCheck', severity: 'warning' }],
    });
  });
});

describe('三(五)17 落实学生实习责任保险和人身意外伤害保险', () => {
  const rule = 'internship-insurance';
  const at = '2024-07-01';
  const dates = { startOn: '2024-03-01', endOn: '2024-06-30' };
  const insured = internship('i0').insurance;

  it('passes an internship covered exactly from its first to its last day', () => {
    testPlugin(plugin, { at, data: { internships: [internship('i1')] }, expect: [] });
  });

  it('names the missing insurance', () => {
    testPlugin(plugin, {
      at,
      data: {
        internships: [
          internship('no-liability', { insurance: { ...insured, liability: false } }),
          internship('no-accident', { insurance: { ...insured, accident: false } }),
          internship('none', { insurance: { ...insured, liability: false, accident: false } }),
        ],
      },
      expect: [
        { rule, subject: 'internship:no-liability', messageId: 'liabilityInsuranceMissing', severity: 'violation', params: dates },
        { rule, subject: 'internship:no-accident', messageId: 'accidentInsuranceMissing', params: dates },
        { rule, subject: 'internship:none', messageId: 'bothInsurancesMissing', params: dates },
      ],
    });
  });

  it('fails cover that starts one day late or ends one day early', () => {
    testPlugin(plugin, {
      at,
      data: { internships: [internship('late', { insurance: { ...insured, start: '2024-03-02' } }), internship('early', { insurance: { ...insured, end: '2024-06-29' } })] },
      expect: [
        { rule, subject: 'internship:late', messageId: 'insuranceCoverageShort', params: { ...dates, coverStart: '2024-03-02', coverEnd: '2024-06-30' } },
        { rule, subject: 'internship:early', messageId: 'insuranceCoverageShort', params: { ...dates, coverStart: '2024-03-01', coverEnd: '2024-06-29' } },
      ],
    });
  });

  it('waits for an internship to start', () => {
    const none = { ...insured, liability: false, accident: false };
    testPlugin(plugin, {
      at: '2024-02-29',
      data: { internships: [internship('planned', { status: 'planned', insurance: none }), internship('not-started', { status: 'ongoing', insurance: none })] },
      expect: [],
    });
  });
});

describe('三(五)16 投资额30%的比例抵扣当年应缴教育费附加和地方教育附加', () => {
  it('deducts 30% of the investment, citing the clause', () => {
    expect(educationSurchargeDeduction('2021-06-01', 1_000_000, 500_000)).toEqual({ deduction: 300_000, computed: 300_000, rate: 0.3, clause: '三(五)16', effectiveFrom: '2020-08-09' });
  });

  it('never deducts more than the surcharges due that year', () => {
    expect(educationSurchargeDeduction('2021-06-01', 1_000_000, 120_000).deduction).toBe(120_000);
  });

  it('has no answer before the plan, and refuses negative amounts', () => {
    expect(() => educationSurchargeDeduction('2020-08-08', 1, 1)).toThrow(/2020-08-09/);
    expect(() => educationSurchargeDeduction('2021-06-01', -1, 1)).toThrow(RangeError);
  });
});

describe('the plan as a whole', () => {
  it('dates every value to the document and cites a clause', () => {
    for (const p of Object.values(plugin.parameters)) {
      for (const v of p.values) expect([v.effectiveFrom, v.published, v.clause.length > 0]).toEqual(['2020-08-09', '2020-08-09', true]);
    }
  });

  it('has no answer before the plan existed', () => {
    expect(() => testPlugin(plugin, { at: '2020-08-08', data: {}, expect: [] })).toThrow(PluginTestError);
    testPlugin(plugin, { at: '2020-08-09', data: {}, expect: [] });
  });

  it('holds the 2025 targets, the 2023 milestones and 50 craftsmen a year from 2023', () => {
    const t = Object.fromEntries(plugin.targets.map((x) => [x.id, [x.goal, x.deadline, x.clause]]));
    expect(t).toMatchObject({
      'enterprises-in-schooling': [5, '2025-12-31', '二'],
      'integration-majors': [3, '2025-12-31', '二'],
      'integration-bases-2025': [10, '2025-12-31', '二'],
      'new-majors': [6, '2025-12-31', '二'],
      'integration-enterprises-2023': [2, '2023-12-31', '四(三)'],
      'integration-bases-2023': [5, '2023-12-31', '四(三)'],
    });
    expect(plugin.targets.find((x) => x.id === 'craftsmen')?.schedule).toEqual({ perYear: 50, from: 2023 });
  });

  it('makes each of the 19 work items a task led by the first 责任单位 printed', () => {
    const items = plugin.tasks.filter((x) => x.clause.startsWith('三'));
    expect(items).toHaveLength(19);
    expect(items.find((x) => x.clause === '三(一)1')).toMatchObject({ leadUnit: '发改委', coUnits: ['教育局', '人社局', '财政局', '各团场', '西郊城区管委会', '职校'] });
    expect(items.find((x) => x.clause === '三(三)10')).toMatchObject({ leadUnit: '职校', coUnits: ['教育局', '人社局', '财政局', '编办', '各团场', '西郊城区管委会'] });
    expect(items.find((x) => x.clause === '三(五)17')).toMatchObject({ leadUnit: '财政局', coUnits: ['金融办', '发改委', '西郊城区管委会'] });
  });

  it('dates the phased steps of 四(三) to the end of their year', () => {
    const due = (phase: string) => new Set(plugin.tasks.filter((x) => x.clause === '四(三)' && x.phase === phase).map((x) => x.due));
    expect([due('2020'), due('2021'), due('2023'), due('2025')]).toEqual([new Set(['2020-12-31']), new Set(['2021-12-31']), new Set(['2023-12-31']), new Set(['2025-12-31'])]);
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
