// 淄博科学技术学校产教融合发展实施方案 (高青县教育和体育局, 2025-05-28) as a policy plugin:
// teacher enterprise practice, 双主体 internship evaluation, the plan's targets, tasks and reminders.
import { addMonths, definePolicyPlugin, fromDay, monthsIn, toDay, SDK_VERSION, type IsoDate, type PracticePeriodView, type RuleFinding, z } from '../../core/policy/index.ts';

/** The document date: every value below was published, and takes effect, on it. */
const PUBLISHED = '2025-05-28';
const cite = <T>(value: T, clause: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED } });

// Calendar arithmetic comes from the SDK; re-exported for the fixtures that check it.
export { addMonths, monthsIn };

/**
 * "累计" adds up separate stretches, whose leftover days cannot be calendar months of their
 * own: they are pooled and every 30 of them count as one more month. So two stretches of
 * 3 months make 6; 5 months 29 days plus one day elsewhere makes 6 as well.
 */
export const POOLED_DAYS_PER_MONTH = 30;

interface Span {
  start: IsoDate;
  end: IsoDate;
}

/** The periods cut to `window` and merged, so a day two records cover counts once, and back-to-back records are one continuous stretch. */
function spansIn(periods: readonly PracticePeriodView[], window: Span): Span[] {
  const lo = toDay(window.start);
  const hi = toDay(window.end);
  const cut = periods
    .map((p) => [Math.max(toDay(p.startOn), lo), Math.min(toDay(p.endOn), hi)] as const)
    .filter(([s, e]) => e >= s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of cut) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged.map(([s, e]) => ({ start: fromDay(s), end: fromDay(e) }));
}

function cumulativeMonths(spans: readonly Span[]): { months: number; days: number } {
  let months = 0;
  let days = 0;
  for (const s of spans) {
    const m = monthsIn(s.start, s.end);
    months += m.months;
    days += m.days;
  }
  return { months: months + Math.floor(days / POOLED_DAYS_PER_MONTH), days: days % POOLED_DAYS_PER_MONTH };
}

/** The longest single stretch, compared month first: "连续" cannot be pooled. */
function longestContinuous(spans: readonly Span[]): { months: number; days: number } {
  return spans.map((s) => monthsIn(s.start, s.end)).reduce((best, m) => (m.months > best.months || (m.months === best.months && m.days > best.days) ? m : best), { months: 0, days: 0 });
}

const minus1 = (iso: IsoDate) => fromDay(toDay(iso) - 1);
const plus1 = (iso: IsoDate) => fromDay(toDay(iso) + 1);

// ---- the plan's horizon: "力争通过2-3年建设" (一) ----
/** Targets and tasks are due at the outer end of the 2–3 years; the SDK takes a fixed deadline, not a parameter. */
const HORIZON_END = addMonths(PUBLISHED, 36);

const LEADING_GROUP = '产教融合工作领导小组';
const CENTRE = '产教融合中心';

export default definePolicyPlugin({
  id: 'gaoqing-zbkjxx-2025',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '淄博科学技术学校产教融合发展实施方案', en: 'Zibo Science and Technology School: industry–education integration plan' },
  source: {
    title: '淄博科学技术学校产教融合发展实施方案',
    issuer: '高青县教育和体育局',
    date: PUBLISHED,
    // The text prints an empty 文号; 11370322004432986Y/2025-5374930 is only its index number (索引号).
    referenceNumber: null,
    seedFile: '000_54a52c45192280f8.txt',
  },
  config: z.object({
    // The text sets up the 双主体 system but gives no deadline after an internship ends, so a
    // missing side is a gap to close (warning) unless the bureau decides it is a breach.
    missingEvaluationSeverity: z.enum(['warning', 'violation']).default('warning'),
  }),
  parameters: {
    practiceWindowYears: { unit: 'years', values: cite(5, '二(三)2') },
    minCumulativePracticeMonths: { unit: 'months', values: cite(6, '二(三)2') },
    newTeacherYears: { unit: 'years', values: cite(3, '二(三)2') },
    minContinuousPracticeMonths: { unit: 'months', values: cite(6, '二(三)2') },
    newTeacherHiredFrom: {
      unit: 'date',
      // "新入职" read as hired under this plan: it does not reach back to teachers hired before it.
      values: { [PUBLISHED]: { value: PUBLISHED, clause: '二(三)2', published: PUBLISHED, note: '新入职 = hired on or after the plan date' } },
    },
  },
  reads: ['teachers', 'internships'],
  messages: {
    cumulativePracticeShort: {
      'zh-CN': '{name}在{windowStart}至{windowEnd}的{years}年内累计企业实践{months}个月{days}天,不足{required}个月',
      en: '{name} has {months} months {days} days of enterprise practice from {windowStart} to {windowEnd} ({years} years), fewer than {required} months',
    },
    newTeacherPracticePending: {
      'zh-CN': '{name}入职前{years}年(至{deadline})尚无连续{required}个月的企业实践,最长一次为{months}个月{days}天',
      en: '{name} has not yet done {required} continuous months of enterprise practice in the first {years} years (until {deadline}); the longest stretch is {months} months {days} days',
    },
    newTeacherPracticeMissed: {
      'zh-CN': '{name}入职前{years}年(至{deadline})未完成连续{required}个月的企业实践,最长一次为{months}个月{days}天',
      en: '{name} did not do {required} continuous months of enterprise practice in the first {years} years (until {deadline}); the longest stretch was {months} months {days} days',
    },
    schoolEvaluationMissing: {
      'zh-CN': '实习已于{endOn}结束,缺少学校一方的考核评价',
      en: 'The internship ended on {endOn} without the school’s evaluation',
    },
    enterpriseEvaluationMissing: {
      'zh-CN': '实习已于{endOn}结束,缺少企业一方的考核评价',
      en: 'The internship ended on {endOn} without the enterprise’s evaluation',
    },
    bothEvaluationsMissing: {
      'zh-CN': '实习已于{endOn}结束,学校和企业双方均未考核评价',
      en: 'The internship ended on {endOn} without the school’s or the enterprise’s evaluation',
    },
  },
  rules: [
    {
      id: 'cumulative-practice-short',
      title: { 'zh-CN': '专业课教师每5年累计企业实践不少于6个月', en: 'Professional teachers: ≥ 6 months of enterprise practice in every 5 years' },
      clause: '二(三)2',
      check(view, ctx) {
        const years = ctx.param('practiceWindowYears');
        const required = ctx.param('minCumulativePracticeMonths');
        const window = { start: plus1(addMonths(ctx.at, -12 * years)), end: ctx.at };
        return view.teachers
          // Someone hired inside the window has not had five years yet; the new-teacher rule
          // covers their start. An unknown hire date is treated as a long-serving teacher.
          .filter((t) => t.isProfessional && (t.hireDate === null || t.hireDate <= window.start))
          .flatMap((t) => {
            const got = cumulativeMonths(spansIn(t.practicePeriods, window));
            if (got.months >= required) return [];
            return [{
              subject: { type: 'teacher', id: t.id },
              severity: 'violation',
              messageId: 'cumulativePracticeShort',
              params: { name: t.name, windowStart: window.start, windowEnd: window.end, years, months: got.months, days: got.days, required },
              facts: { windowStart: window.start, windowEnd: window.end, months: got.months, days: got.days, hireDate: t.hireDate },
            } satisfies RuleFinding<'cumulativePracticeShort'>];
          });
      },
    },
    {
      id: 'new-teacher-continuous-practice',
      title: { 'zh-CN': '新入职专业课教师前3年在企业连续实践6个月以上', en: 'New professional teachers: ≥ 6 continuous months of enterprise practice in their first 3 years' },
      clause: '二(三)2',
      check(view, ctx) {
        const years = ctx.param('newTeacherYears');
        const required = ctx.param('minContinuousPracticeMonths');
        const hiredFrom = ctx.param('newTeacherHiredFrom');
        return view.teachers
          .filter((t): t is typeof t & { hireDate: IsoDate } => t.isProfessional && t.hireDate !== null && t.hireDate >= hiredFrom && t.hireDate <= ctx.at)
          .flatMap((t) => {
            const deadline = minus1(addMonths(t.hireDate, 12 * years));
            // Practice recorded for days still to come has not happened yet.
            const upTo = deadline < ctx.at ? deadline : ctx.at;
            const best = longestContinuous(spansIn(t.practicePeriods, { start: t.hireDate, end: upTo }));
            if (best.months >= required) return [];
            const over = ctx.at > deadline;
            const messageId = over ? 'newTeacherPracticeMissed' : 'newTeacherPracticePending';
            return [{
              subject: { type: 'teacher', id: t.id },
              severity: over ? 'violation' : 'warning',
              messageId,
              params: { name: t.name, years, deadline, required, months: best.months, days: best.days },
              facts: { hireDate: t.hireDate, deadline, longestMonths: best.months, longestDays: best.days },
            } satisfies RuleFinding<typeof messageId>];
          });
      },
    },
    {
      id: 'dual-evaluation-missing',
      title: { 'zh-CN': '实习实训实行校企“双主体”考核评价', en: 'Every internship evaluated by both the school and the enterprise (双主体)' },
      clause: '二(二)2',
      check(view, ctx) {
        // An evaluation dated after `at` had not been made on `at`.
        const done = (e: { evaluatedOn: IsoDate } | null) => e !== null && e.evaluatedOn <= ctx.at;
        return view.internships
          // Ended: completed, or past its last day. A terminated internship was cut short and
          // has nothing complete to evaluate; a planned one past its dates is a data problem.
          .filter((i) => i.status === 'completed' || (i.status === 'ongoing' && i.endOn < ctx.at))
          .flatMap((i) => {
            const school = done(i.evaluations.school);
            const enterprise = done(i.evaluations.enterprise);
            if (school && enterprise) return [];
            const messageId = !school && !enterprise ? 'bothEvaluationsMissing' : school ? 'enterpriseEvaluationMissing' : 'schoolEvaluationMissing';
            return [{
              subject: { type: 'internship', id: i.id },
              severity: ctx.config.missingEvaluationSeverity,
              messageId,
              params: { endOn: i.endOn },
              facts: { status: i.status, endOn: i.endOn, schoolEvaluated: school, enterpriseEvaluated: enterprise },
            } satisfies RuleFinding<typeof messageId>];
          });
      },
    },
  ],
  targets: [
    {
      // 一专一企业: a metric core can compute from agreements (one per major with an active agreement).
      id: 'one-major-one-enterprise',
      title: { 'zh-CN': '一专一企业:每个专业至少与一家企业有生效的合作协议', en: 'One major, one enterprise: every major has an active agreement with an enterprise' },
      metric: 'majors.withoutActiveAgreement',
      goal: 0,
      comparison: 'at-most',
      deadline: HORIZON_END,
      clause: '二(一)1',
    },
    {
      id: 'teachers-practice-complete',
      title: { 'zh-CN': '专业课教师5年累计企业实践均达6个月', en: 'Every professional teacher has 6 months of practice in 5 years' },
      metric: 'teachers.practiceShort{window=5y,months=6}',
      goal: 0,
      comparison: 'at-most',
      deadline: HORIZON_END,
      clause: '二(三)2',
    },
    {
      id: 'internships-dual-evaluated',
      title: { 'zh-CN': '已结束实习均有校企双方评价', en: 'Every ended internship evaluated by both sides' },
      metric: 'internships.dualEvaluated.ratio',
      goal: 1,
      deadline: HORIZON_END,
      clause: '二(二)2',
    },
  ],
  tasks: [
    task('set-up-leading-group', '成立产教融合工作领导小组(校长任组长)', 'Set up the integration leading group, chaired by the principal', '三1', '学校'),
    task('engage-experts', '聘请校内外行业和知名专家提供专业咨询和工作指导', 'Engage industry experts as advisers', '三1', LEADING_GROUP),
    task('one-cluster-one-industry', '一群一行业:每个专业群对接一个行业', 'One cluster, one industry: pair each major cluster with an industry', '二(一)1', LEADING_GROUP),
    task('one-major-one-enterprise', '一专一企业:每个专业对接一家企业', 'One major, one enterprise: pair each major with an enterprise', '二(一)1', CENTRE),
    task('one-teacher-one-plan', '一师一方案:每位教师一份产教融合方案', 'One teacher, one plan', '二(一)1', CENTRE),
    task('one-student-one-project', '一生一专项:每名学生一个专项', 'One student, one project', '二(一)1', CENTRE),
    task('major-review-system', '建立行业和企业参与专业设置评议制度', 'Set up the industry/enterprise review of new majors', '二(一)2', CENTRE),
    task('pilot-clusters', '以机电专业和服装专业群为试点开展产教融合专业群建设', 'Pilot integration in the mechatronics and garment clusters', '二(一)2', CENTRE),
    task('innovation-centre', '成立产学研创新中心,共建共享性实训基地', 'Found the industry–research innovation centre and shared training bases', '二(二)1', CENTRE),
    task('internship-system', '开发顶岗实习管理系统', 'Build the internship management system', '二(二)2', CENTRE),
    task('dual-evaluation-system', '实行校企“双主体”考核评价制度', 'Introduce 双主体 internship evaluation', '二(二)2', CENTRE),
    task('research-transfer-rules', '制订科研成果培育与转化制度', 'Adopt rules for research results and their transfer', '二(二)3', CENTRE),
    task('staff-training-brands', '培育企业技术技能培训品牌项目', 'Build branded enterprise staff-training programmes', '二(二)4', CENTRE),
    task('apprenticeship-standards', '制定推广学徒制工作规范和教学标准', 'Write apprenticeship work rules and teaching standards', '二(三)1', CENTRE),
    task('dual-qualified-standards', '完善“双师型”教师认定标准和办法', 'Revise the dual-qualified teacher criteria', '二(三)2', CENTRE),
    task('dual-qualified-base', '与企业合作建设“双师型”教师培养培训基地', 'Build a dual-qualified teacher training base with enterprises', '二(三)2', CENTRE),
    task('practice-holiday-rules', '完善教师实践假期制度', 'Revise the teachers’ holiday-practice rules', '二(三)2', CENTRE),
    task('supporting-rules', '制定教学科研管理、产教融合绩效考核等配套制度', 'Adopt teaching/research management and integration performance rules', '三2', LEADING_GROUP),
    task('model-cases', '形成一批产教融合典型案例和建设成果', 'Produce model cases and results', '三2', CENTRE),
  ],
  reminders: [
    {
      id: 'leading-group-meeting',
      title: { 'zh-CN': '领导小组定期研究部署产教融合工作', en: 'Leading group: regular review of integration work' },
      clause: '三1',
      // "定期" names no frequency; twice a year is this plugin's reading (see README).
      when: { timesPerYear: 2 },
      recipients: ['school_admin'],
    },
    {
      id: 'holiday-practice-planning',
      title: { 'zh-CN': '安排在职教师假期到企业实践锻炼', en: 'Plan teachers’ holiday enterprise practice' },
      clause: '二(三)2',
      // One reminder before each of the two school holidays the 实践假期制度 relies on.
      when: { timesPerYear: 2 },
      recipients: ['school_admin', 'teacher'],
    },
    { id: 'practice-short-notice', title: { 'zh-CN': '教师企业实践不足提醒', en: 'Teacher practice shortfall' }, clause: '二(三)2', when: { onFinding: 'cumulative-practice-short' }, recipients: ['teacher', 'school_admin'] },
    { id: 'new-teacher-practice-notice', title: { 'zh-CN': '新教师连续企业实践提醒', en: 'New teacher continuous practice' }, clause: '二(三)2', when: { onFinding: 'new-teacher-continuous-practice' }, recipients: ['teacher', 'school_admin'] },
    { id: 'evaluation-missing-notice', title: { 'zh-CN': '实习考核评价缺失提醒', en: 'Internship evaluation missing' }, clause: '二(二)2', when: { onFinding: 'dual-evaluation-missing' }, recipients: ['school_admin', 'teacher', 'enterprise_mentor'] },
  ],
});

/** The text assigns no unit per item: 三1 gives implementation to the 产教融合中心 and planning to the leading group, and no item has a date of its own. */
function task(id: string, zh: string, en: string, clause: string, leadUnit: string) {
  return { id, title: { 'zh-CN': zh, en }, clause, leadUnit, coUnits: leadUnit === CENTRE ? [LEADING_GROUP] : [], due: HORIZON_END, phase: '2–3 年建设期' };
}
