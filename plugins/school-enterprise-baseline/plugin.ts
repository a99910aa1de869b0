// 最新校企合作工作实施方案 篇3 and 篇4 (school-level plans, no region named) as a baseline any
// tenant may enable: teacher holiday practice, agreements behind internships, 顶岗实习 length, order-class assessment.
import { addMonths, definePolicyPlugin, monthsIn, SDK_VERSION, type IsoDate, type RuleFinding } from '../../core/policy/index.ts';

/** The compilation date (the 篇 print none of their own): every value is published, and takes effect, on it. */
const PUBLISHED = '2024-04-10';
const cite = <T>(value: T, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

// Clauses as printed: the compilation dropped the 一、二、三 headings, so a clause is 篇 + item as printed.
const PRACTICE = '篇3 3、教师实践';
const EXPERTS = '篇3 4';
const ADVISORY = '篇3 5';
const PLACEMENT = '篇3 1、学生校外实习';
const ORDER = '篇4 1.“订单”培养';
const POST = '篇4 4.顶岗实习';

// Calendar arithmetic comes from the SDK; re-exported for the fixtures that check it.
export { addMonths, monthsIn };

/** A stretch of at least `n` months: whole months first, so 1 month 30 days is less than 2 months. */
const atLeast = (m: { months: number }, n: number) => m.months >= n;
/** More than `n` months: n months and one day is over. */
const over = (m: { months: number; days: number }, n: number) => m.months > n || (m.months === n && m.days > 0);

/** 篇3 names its units; 篇4 names none. Set-up items are due one year after the document (this plugin's reading; see README). */
const SET_UP_DUE = addMonths(PUBLISHED, 12);
const LEAD = '校办';
const CO_UNITS = ['市场研发部', '就业办', '教务处', '政教处'];

export default definePolicyPlugin({
  id: 'school-enterprise-baseline',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '校企合作工作实施方案(学校通用基线)', en: 'School–enterprise cooperation plan (school baseline)' },
  source: {
    title: '最新校企合作工作实施方案(篇3、篇4)',
    issuer: '爱可网 (www.ik35.com) 汇编; 学校校企合作实施方案, 未署名学校',
    date: PUBLISHED,
    referenceNumber: null,
    seedFile: '002_c48000184ae4df2e.txt',
  },
  parameters: {
    practiceMonths: { unit: 'months', values: cite(2, PRACTICE, '一般为两个月; 篇4 4 says 两个月左右') },
    minPracticeTeachersPerYear: { unit: 'teachers per school per year', values: cite(1, PRACTICE, '一定数量 names no number: at least one is this plugin’s reading') },
    expertTeachingPerYear: { unit: 'times per year', values: cite(1, EXPERTS) },
    advisoryMeetingsPerYear: { unit: 'meetings per year', values: cite(2, ADVISORY) },
    postInternshipMinMonths: { unit: 'months', values: cite(6, POST, '为期半年至一年') },
    postInternshipMaxMonths: { unit: 'months', values: cite(12, POST, '为期半年至一年') },
  },
  reads: ['teachers', 'internships', 'agreements'],
  messages: {
    noTeacherPractice: {
      'zh-CN': '{year}年本校没有专业课教师到合作企业实践(至少{required}人)',
      en: 'No professional teacher of this school did enterprise practice in {year} (at least {required})',
    },
    practicePeriodShort: {
      'zh-CN': '{name}在{enterprise}的企业实践为{months}个月{days}天,短于一般的{required}个月',
      en: '{name}: enterprise practice at {enterprise} lasted {months} months {days} days, shorter than the usual {required} months',
    },
    practiceRatingMissing: {
      'zh-CN': '{name}在{enterprise}的企业实践已于{endOn}结束,登记表缺少实践企业评价',
      en: '{name}: the practice at {enterprise} ended on {endOn} and its record has no evaluation by the enterprise',
    },
    internshipWithoutAgreement: {
      'zh-CN': '实习({startOn}至{endOn})没有关联校外实习协议',
      en: 'The internship ({startOn} to {endOn}) is not linked to a placement agreement',
    },
    postInternshipTooShort: {
      'zh-CN': '顶岗实习{startOn}至{endOn}为{months}个月{days}天,短于{min}个月',
      en: 'The 顶岗 internship {startOn} to {endOn} lasts {months} months {days} days, less than {min} months',
    },
    postInternshipTooLong: {
      'zh-CN': '顶岗实习{startOn}至{endOn}为{months}个月{days}天,超过{max}个月',
      en: 'The 顶岗 internship {startOn} to {endOn} lasts {months} months {days} days, more than {max} months',
    },
    orderAssessmentMissing: {
      'zh-CN': '订单培养的顶岗实习已于{endOn}结束,缺少{missing}的考核记录,不能作为发放毕业证书的依据',
      en: 'The order-class 顶岗 internship ended on {endOn} without the {missing} assessment, which the diploma decision relies on',
    },
  },
  rules: [
    {
      id: 'yearly-teacher-practice',
      title: { 'zh-CN': '学校每年安排专业课教师到合作企业实践', en: 'Each year the school sends professional teachers to practise in enterprises' },
      clause: PRACTICE,
      check(view, ctx) {
        const required = ctx.param('minPracticeTeachersPerYear');
        // The last whole calendar year: the current one still has its holidays ahead.
        const year = Number(ctx.at.slice(0, 4)) - 1;
        const from = `${year}-01-01`;
        const to = `${year}-12-31`;
        const bySchool = new Map<string, number>();
        for (const t of view.teachers.filter((t) => t.isProfessional)) {
          const practised = t.practicePeriods.some((p) => p.startOn <= to && p.endOn >= from);
          bySchool.set(t.schoolId, (bySchool.get(t.schoolId) ?? 0) + (practised ? 1 : 0));
        }
        return [...bySchool]
          .filter(([, n]) => n < required)
          .map(([schoolId, n]) => ({
            subject: { type: 'organization', id: schoolId },
            severity: 'warning',
            messageId: 'noTeacherPractice',
            params: { year, required },
            facts: { year, teachersWithPractice: n },
          }) satisfies RuleFinding<'noTeacherPractice'>);
      },
    },
    {
      id: 'practice-period-short',
      title: { 'zh-CN': '企业实践时间一般为两个月', en: 'Enterprise practice usually lasts two months' },
      clause: PRACTICE,
      check(view, ctx) {
        const required = ctx.param('practiceMonths');
        return view.teachers.flatMap((t) =>
          t.practicePeriods
            // "一般" is the usual length, not a floor: a shorter stretch is information, not a breach.
            .filter((p) => p.endOn <= ctx.at && !atLeast(monthsIn(p.startOn, p.endOn), required))
            .map((p) => {
              const m = monthsIn(p.startOn, p.endOn);
              return {
                subject: { type: 'practice-period', id: p.id },
                severity: 'info',
                messageId: 'practicePeriodShort',
                params: { name: t.name, enterprise: p.enterpriseName, months: m.months, days: m.days, required },
                facts: { teacherId: t.id, startOn: p.startOn, endOn: p.endOn },
              } satisfies RuleFinding<'practicePeriodShort'>;
            }),
        );
      },
    },
    {
      id: 'practice-rating-missing',
      title: { 'zh-CN': '企业实践登记表含实践企业评价', en: 'The practice record carries the enterprise’s evaluation' },
      clause: PRACTICE,
      check: (view, ctx) =>
        view.teachers.flatMap((t) =>
          t.practicePeriods
            .filter((p) => p.endOn < ctx.at && p.rating === null)
            .map((p) => ({
              subject: { type: 'practice-period', id: p.id },
              severity: 'warning',
              messageId: 'practiceRatingMissing',
              params: { name: t.name, enterprise: p.enterpriseName, endOn: p.endOn },
              facts: { teacherId: t.id },
            }) satisfies RuleFinding<'practiceRatingMissing'>),
        ),
    },
    {
      id: 'internship-without-agreement',
      title: { 'zh-CN': '与企业签定学生校外实习协议', en: 'Placements rest on a signed placement agreement' },
      clause: PLACEMENT,
      check: (view) => {
        const known = new Set(view.agreements.map((a) => a.id));
        return view.internships
          .filter((i) => i.status !== 'terminated' && (i.agreementId === null || !known.has(i.agreementId)))
          .map((i) => ({
            subject: { type: 'internship', id: i.id },
            severity: 'warning',
            messageId: 'internshipWithoutAgreement',
            params: { startOn: i.startOn, endOn: i.endOn },
            facts: { agreementId: i.agreementId },
          }) satisfies RuleFinding<'internshipWithoutAgreement'>);
      },
    },
    {
      id: 'post-internship-length',
      title: { 'zh-CN': '顶岗实习为期半年至一年', en: '顶岗 internships last half a year to a year' },
      clause: POST,
      check(view, ctx) {
        const min = ctx.param('postInternshipMinMonths');
        const max = ctx.param('postInternshipMaxMonths');
        return view.internships
          // Planned dates are checked too: a plan outside the range is cheaper to fix before it starts.
          .filter((i) => i.kind === 'post' && i.status !== 'terminated')
          .flatMap((i) => {
            const m = monthsIn(i.startOn, i.endOn);
            const short = !atLeast(m, min);
            if (!short && !over(m, max)) return [];
            const base = { subject: { type: 'internship', id: i.id }, severity: 'warning', facts: { status: i.status } } as const;
            const params = { startOn: i.startOn, endOn: i.endOn, months: m.months, days: m.days };
            return [short
              ? ({ ...base, messageId: 'postInternshipTooShort', params: { ...params, min } } satisfies RuleFinding<'postInternshipTooShort'>)
              : ({ ...base, messageId: 'postInternshipTooLong', params: { ...params, max } } satisfies RuleFinding<'postInternshipTooLong'>)];
          });
      },
    },
    {
      id: 'order-assessment-missing',
      title: { 'zh-CN': '订单培养顶岗实习考核记入档案,作为发放毕业证书依据', en: 'Order-class 顶岗 internships are assessed, for the diploma decision' },
      clause: ORDER,
      check(view, ctx) {
        const orderAgreements = new Set(view.agreements.filter((a) => a.mode === 'order_class').map((a) => a.id));
        const done = (e: { evaluatedOn: IsoDate } | null) => e !== null && e.evaluatedOn <= ctx.at;
        return view.internships
          .filter((i) => i.kind === 'post' && i.agreementId !== null && orderAgreements.has(i.agreementId))
          .filter((i) => i.status === 'completed' || (i.status === 'ongoing' && i.endOn < ctx.at))
          .flatMap((i) => {
            const school = done(i.evaluations.school);
            const enterprise = done(i.evaluations.enterprise);
            if (school && enterprise) return [];
            const missing = !school && !enterprise ? '校企双方' : school ? '企业' : '学校';
            return [{
              subject: { type: 'internship', id: i.id },
              severity: 'warning',
              messageId: 'orderAssessmentMissing',
              params: { endOn: i.endOn, missing },
              facts: { schoolAssessed: school, enterpriseAssessed: enterprise },
            } satisfies RuleFinding<'orderAssessmentMissing'>];
          });
      },
    },
  ],
  tasks: [
    task('set-up-advisory-committee', '校企共同成立教学咨询委员会', 'Set up the teaching advisory committee with enterprises', ADVISORY, LEAD, CO_UNITS),
    task('set-up-major-steering-committee', '成立专业教学指导委员会', 'Set up the major teaching steering committee', '篇4 7.成立专业教学指导委员会', '学校', []),
    task('co-build-training-bases', '与企业共建校内外实训基地', 'Co-build training bases with enterprises', '篇4 5.共建实训基地', '学校', []),
  ],
  reminders: [
    { id: 'advisory-committee-meeting', title: { 'zh-CN': '教学咨询委员会每年召开两次会议', en: 'Advisory committee: two meetings a year' }, clause: ADVISORY, when: { timesPerYear: 2 }, recipients: ['school_admin'] },
    { id: 'enterprise-experts-teaching', title: { 'zh-CN': '安排企业技术专家本学年到校任课', en: 'Arrange enterprise experts to teach this school year' }, clause: EXPERTS, when: { every: 'year', before: '08-31' }, recipients: ['school_admin'] },
    { id: 'holiday-practice-planning', title: { 'zh-CN': '安排专业课教师寒暑假到合作企业实践', en: 'Plan teachers’ winter/summer enterprise practice' }, clause: POST, when: { timesPerYear: 2 }, recipients: ['school_admin', 'teacher'] },
    { id: 'teacher-practice-notice', title: { 'zh-CN': '本校上年无教师企业实践', en: 'No teacher practice last year' }, clause: PRACTICE, when: { onFinding: 'yearly-teacher-practice' }, recipients: ['school_admin'] },
    { id: 'practice-rating-notice', title: { 'zh-CN': '企业实践登记表缺企业评价', en: 'Practice record lacks the enterprise evaluation' }, clause: PRACTICE, when: { onFinding: 'practice-rating-missing' }, recipients: ['teacher', 'school_admin'] },
    { id: 'order-assessment-notice', title: { 'zh-CN': '订单班顶岗实习考核缺失', en: 'Order-class internship assessment missing' }, clause: ORDER, when: { onFinding: 'order-assessment-missing' }, recipients: ['school_admin', 'teacher', 'enterprise_mentor'] },
  ],
});

function task(id: string, zh: string, en: string, clause: string, leadUnit: string, coUnits: string[]) {
  return { id, title: { 'zh-CN': zh, en }, clause, leadUnit, coUnits, due: SET_UP_DUE };
}
