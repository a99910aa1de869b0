// 篇3 and 篇4's checkable clauses as fixtures at their edges, run through the SDK's harness on a fixed date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginTestError, testPlugin, type AgreementView, type InternshipView, type TeacherView } from '../../core/policy/index.ts';
import plugin, { monthsIn } from './plugin.ts';

type Period = [start: string, end: string, rating?: null];

const teacher = (id: string, periods: Period[], over: Partial<TeacherView> = {}): TeacherView => ({
  id,
  schoolId: 's1',
  name: `教师${id}`,
  hireDate: '2010-09-01',
  isProfessional: true,
  dualQualified: false,
  practicePeriods: periods.map(([startOn, endOn, rating], i) => ({ id: `${id}-p${i}`, enterpriseId: 'e1', enterpriseName: '合作企业', startOn, endOn, rating: rating === null ? null : 'pass' })),
  ...over,
});

/** A colleague with a 2-month 2024 practice, so the school meets the yearly rule in fixtures about other rules. */
const anchor = teacher('anchor', [['2024-07-01', '2024-08-31']]);

const agreement = (id: string, mode: AgreementView['mode']): AgreementView => ({
  id, schoolId: 's1', enterpriseId: 'e1', majorId: null, mode, title: id, status: 'active', signedOn: '2025-01-01', validFrom: '2025-01-01', validUntil: null,
});

const evaluation = (evaluatedOn: string) => ({ score: '90.00', evaluatedOn });
const internship = (id: string, over: Partial<InternshipView> = {}): InternshipView => ({
  id,
  studentId: `st-${id}`,
  schoolId: 's1',
  enterpriseId: 'e1',
  agreementId: 'a-post',
  kind: 'post',
  status: 'completed',
  startOn: '2025-03-01',
  endOn: '2025-08-31',
  insurance: { policyNumber: null, start: null, end: null, liability: true, accident: true },
  evaluations: { school: evaluation('2025-09-05'), enterprise: evaluation('2025-09-03') },
  ...over,
});
const agreements = [agreement('a-post', 'post_internship'), agreement('a-order', 'order_class')];

describe('篇3 3、教师实践: 学校每年安排一定数量的专业课教师到合作企业实践', () => {
  const at = '2026-03-01';

  it('is satisfied by one professional teacher whose practice reaches into last year (ending 12-31 counts)', () => {
    testPlugin(plugin, { at, data: { teachers: [teacher('t1', [['2025-11-01', '2025-12-31']]), teacher('t2', [])] }, expect: [] });
  });

  it('warns a school whose practice starts only this year, or whose only practising teacher is not professional', () => {
    testPlugin(plugin, {
      name: 'no practice last year',
      at,
      data: {
        teachers: [
          teacher('t1', [['2026-01-01', '2026-02-28']]),
          teacher('g1', [['2025-07-01', '2025-08-31']], { schoolId: 's2', isProfessional: false }),
          teacher('p2', [], { schoolId: 's2' }),
        ],
      },
      expect: [
        { rule: 'yearly-teacher-practice', subject: 'organization:s1', messageId: 'noTeacherPractice', severity: 'warning', params: { year: 2025, required: 1 } },
        { rule: 'yearly-teacher-practice', subject: 'organization:s2', messageId: 'noTeacherPractice', params: { year: 2025, required: 1 } },
      ],
    });
  });
});

describe('篇3 3、教师实践: 实践时间一般为两个月', () => {
  it('counts calendar months: July and August are exactly 2 months', () => {
    expect(monthsIn('2025-07-01', '2025-08-31')).toEqual({ months: 2, days: 0 });
    expect(monthsIn('2025-07-01', '2025-08-30')).toEqual({ months: 1, days: 30 });
  });

  it('passes exactly 2 months and notes (info) one day less', () => {
    testPlugin(plugin, {
      at: '2025-09-01',
      data: { teachers: [anchor, teacher('two', [['2025-07-01', '2025-08-31']]), teacher('short', [['2025-07-01', '2025-08-30']])] },
      expect: [{ rule: 'practice-period-short', subject: 'practice-period:short-p0', messageId: 'practicePeriodShort', severity: 'info', params: { name: '教师short', enterprise: '合作企业', months: 1, days: 30, required: 2 } }],
    });
  });

  it('leaves a period still running alone', () => {
    testPlugin(plugin, { at: '2025-08-29', data: { teachers: [anchor, teacher('t1', [['2025-07-01', '2025-08-30']])] }, expect: [] });
  });
});

describe('篇3 3、教师实践: 登记内容应包含实践企业评价', () => {
  it('warns from the day after the practice ends, not on its last day', () => {
    const data = { teachers: [anchor, teacher('t1', [['2025-07-01', '2025-08-31', null]])] };
    testPlugin(plugin, { at: '2025-08-31', data, expect: [] });
    testPlugin(plugin, {
      at: '2025-09-01',
      data,
      expect: [{ rule: 'practice-rating-missing', subject: 'practice-period:t1-p0', messageId: 'practiceRatingMissing', severity: 'warning', params: { name: '教师t1', enterprise: '合作企业', endOn: '2025-08-31' } }],
    });
  });
});

describe('篇3 1、学生校外实习: 与企业签定学生校外实习协议', () => {
  it('warns an internship with no agreement, or one the tenant does not have; a terminated one is left alone', () => {
    testPlugin(plugin, {
      at: '2025-09-30',
      data: {
        agreements,
        internships: [
          internship('ok'),
          internship('none', { agreementId: null }),
          internship('unknown', { agreementId: 'a-gone' }),
          internship('cut', { agreementId: null, status: 'terminated' }),
        ],
      },
      expect: [
        { rule: 'internship-without-agreement', subject: 'internship:none', messageId: 'internshipWithoutAgreement', params: { startOn: '2025-03-01', endOn: '2025-08-31' } },
        { rule: 'internship-without-agreement', subject: 'internship:unknown', messageId: 'internshipWithoutAgreement' },
      ],
    });
  });
});

describe('篇4 4.顶岗实习: 为期半年至一年', () => {
  const post = (id: string, startOn: string, endOn: string, over: Partial<InternshipView> = {}) => internship(id, { startOn, endOn, ...over });

  it('passes exactly 6 and exactly 12 months, warns 5 months 30 days and 12 months 1 day', () => {
    testPlugin(plugin, {
      at: '2026-06-30',
      data: {
        agreements,
        internships: [
          post('six', '2025-03-01', '2025-08-31'),
          post('twelve', '2025-03-01', '2026-02-28'),
          post('short', '2025-03-01', '2025-08-30'),
          post('long', '2025-03-01', '2026-03-01'),
        ],
      },
      expect: [
        { rule: 'post-internship-length', subject: 'internship:short', messageId: 'postInternshipTooShort', severity: 'warning', params: { startOn: '2025-03-01', endOn: '2025-08-30', months: 5, days: 30, min: 6 } },
        { rule: 'post-internship-length', subject: 'internship:long', messageId: 'postInternshipTooLong', severity: 'warning', params: { startOn: '2025-03-01', endOn: '2026-03-01', months: 12, days: 1, max: 12 } },
      ],
    });
  });

  it('checks only 顶岗 internships that were not cut short', () => {
    testPlugin(plugin, {
      at: '2026-06-30',
      data: { agreements, internships: [post('cognitive', '2025-03-01', '2025-03-10', { kind: 'cognitive' }), post('cut', '2025-03-01', '2025-04-30', { status: 'terminated' })] },
      expect: [],
    });
  });
});

describe('篇4 1.“订单”培养: 考核情况记入学生个人档案,作为发放毕业证书的重要依据', () => {
  const at = '2025-10-01';
  const order = (id: string, over: Partial<InternshipView> = {}) => internship(id, { agreementId: 'a-order', ...over });

  it('warns an ended order-class 顶岗 internship missing a side, naming it; others are not this rule’s', () => {
    testPlugin(plugin, {
      at,
      data: {
        agreements,
        internships: [
          order('both'),
          order('no-enterprise', { evaluations: { school: evaluation('2025-09-05'), enterprise: null } }),
          order('late', { status: 'ongoing', evaluations: { school: null, enterprise: evaluation('2025-10-02') } }),
          internship('not-order', { evaluations: { school: null, enterprise: null } }),
          order('running', { status: 'ongoing', endOn: '2025-10-01', startOn: '2025-04-02', evaluations: { school: null, enterprise: null } }),
        ],
      },
      expect: [
        { rule: 'order-assessment-missing', subject: 'internship:no-enterprise', messageId: 'orderAssessmentMissing', severity: 'warning', params: { endOn: '2025-08-31', missing: '企业' } },
        { rule: 'order-assessment-missing', subject: 'internship:late', messageId: 'orderAssessmentMissing', params: { endOn: '2025-08-31', missing: '校企双方' } },
      ],
    });
  });
});

describe('the baseline as a whole', () => {
  it('has no answer before the document date', () => {
    expect(() => testPlugin(plugin, { at: '2024-04-09', data: {}, expect: [] })).toThrow(PluginTestError);
    testPlugin(plugin, { at: '2024-04-10', data: {}, expect: [] });
  });

  it('dates every value to the document and cites a clause', () => {
    for (const p of Object.values(plugin.parameters)) {
      for (const v of p.values) expect([v.effectiveFrom, v.published, v.clause.startsWith('篇')]).toEqual(['2024-04-10', '2024-04-10', true]);
    }
  });

  it('explains a finding with the value, its clause and the document date', () => {
    const { findings } = testPlugin(plugin, { at: '2025-09-01', data: { teachers: [anchor, teacher('t1', [['2025-07-01', '2025-07-31']])] }, expect: [{ rule: 'practice-period-short', subject: 'practice-period:t1-p0', messageId: 'practicePeriodShort' }] });
    expect(findings[0]?.clause).toBe('篇3 3、教师实践');
    expect(findings[0]?.explanation.parameters).toEqual([{ name: 'practiceMonths', value: 2, effectiveFrom: '2024-04-10', clause: '篇3 3、教师实践', published: '2024-04-10' }]);
  });

  it('lists every rule, parameter, task and reminder in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [...plugin.rules.map((r) => r.id.split('/')[1]!), ...Object.keys(plugin.parameters), ...plugin.tasks.map((t) => t.id), ...plugin.reminders.map((r) => r.id)];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
