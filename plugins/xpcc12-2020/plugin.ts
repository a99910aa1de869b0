// 十二师深化产教融合的实施方案 (新疆生产建设兵团第十二师, 2020-08-09) as a policy plugin: teacher
// practice (cumulative), the 2022 hiring rule, internship insurance, the 2023/2025 targets, the 19 work items and the phased plan.
import { addMonths, defineCalculator, definePolicyPlugin, fromDay, monthsIn, toDay, parameterAt, SDK_VERSION, type IsoDate, type PracticePeriodView, type RuleFinding, z } from '../../core/policy/index.ts';

/** The document date (公开日期): every value below was published, and takes effect, on it. */
const PUBLISHED = '2020-08-09';
const cite = <T>(value: T, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

const plus1 = (iso: IsoDate) => fromDay(toDay(iso) + 1);
const minus1 = (iso: IsoDate) => fromDay(toDay(iso) - 1);

// Calendar arithmetic comes from the SDK; re-exported for the fixtures that check it.
export { addMonths, monthsIn };

/** "累计": stretches are added up, their leftover days pooled at 30 to a month. */
export const POOLED_DAYS_PER_MONTH = 30;

/** Practice cut to the window and merged, so a day two records cover counts once. */
function cumulativeMonths(periods: readonly PracticePeriodView[], start: IsoDate, end: IsoDate): { months: number; days: number } {
  const cut = periods
    .map((p) => [Math.max(toDay(p.startOn), toDay(start)), Math.min(toDay(p.endOn), toDay(end))] as const)
    .filter(([s, e]) => e >= s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of cut) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let months = 0;
  let days = 0;
  for (const [s, e] of merged) {
    const m = monthsIn(fromDay(s), fromDay(e));
    months += m.months;
    days += m.days;
  }
  return { months: months + Math.floor(days / POOLED_DAYS_PER_MONTH), days: days % POOLED_DAYS_PER_MONTH };
}

// ---- the plan's dates: 二 "通过五年左右的努力" and 四(三) "到2025年" ----
const BY_2025 = '2025-12-31';
const BY_2023 = '2023-12-31';

const plugin = definePolicyPlugin({
  id: 'xpcc12-2020',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '十二师深化产教融合的实施方案', en: 'XPCC 12th Division: plan for deepening industry–education integration' },
  source: {
    title: '十二师深化产教融合的实施方案',
    issuer: '新疆生产建设兵团第十二师',
    date: PUBLISHED,
    // Printed as the document's index number; the text carries no other 文号.
    referenceNumber: 'seszf-2020-000224',
    seedFile: '001_c8f5a619e50ef3b6.txt',
  },
  config: z.object({
    // The data view holds no work history or education, so the 2022 hiring rule can only ask for a check.
    hiringCheckSeverity: z.enum(['info', 'warning']).default('info'),
  }),
  parameters: {
    practiceWindowYears: { unit: 'years', values: cite(5, '三(三)10') },
    minCumulativePracticeMonths: { unit: 'months', values: cite(6, '三(三)10') },
    newTeacherYears: { unit: 'years', values: cite(3, '三(三)10') },
    minNewTeacherPracticeMonths: { unit: 'months', values: cite(6, '三(三)10', '累计: the text says 6个月以上, not 连续') },
    newTeacherHiredFrom: { unit: 'date', values: cite(PUBLISHED, '三(三)10', '新入职 = hired on or after the plan date') },
    hiringRuleFrom: { unit: 'date', values: cite('2022-01-01', '三(三)10', '2022年起') },
    minPriorEnterpriseYears: { unit: 'years', values: cite(3, '三(三)10') },
    investmentDeductionRate: { unit: 'ratio', values: cite(0.3, '三(五)16') },
    craftsmenPerYear: { unit: 'people', values: cite(50, '三(三)8') },
  },
  reads: ['teachers', 'internships'],
  messages: {
    cumulativePracticeShort: {
      'zh-CN': '{name}在{windowStart}至{windowEnd}的{years}年内累计企业实践{months}个月{days}天,不足{required}个月',
      en: '{name} has {months} months {days} days of enterprise practice from {windowStart} to {windowEnd} ({years} years), fewer than {required} months',
    },
    newTeacherPracticePending: {
      'zh-CN': '{name}入职前{years}年(至{deadline})累计企业实践{months}个月{days}天,尚不足{required}个月',
      en: '{name} has {months} months {days} days of enterprise practice in the first {years} years (until {deadline}), not yet {required} months',
    },
    newTeacherPracticeMissed: {
      'zh-CN': '{name}入职前{years}年(至{deadline})累计企业实践{months}个月{days}天,未达{required}个月',
      en: '{name} had {months} months {days} days of enterprise practice in the first {years} years (until {deadline}), fewer than {required} months',
    },
    hiringQualificationCheck: {
      'zh-CN': '{name}于{hireDate}入职,须核实具有{years}年以上相关企业工作经历并具有高职以上学历(或属特殊高技能人才)',
      en: '{name} was hired on {hireDate}: check {years}+ years of relevant enterprise work and a higher-vocational degree (or the exception for highly skilled workers)',
    },
    liabilityInsuranceMissing: { 'zh-CN': '实习({startOn}至{endOn})未落实实习责任保险', en: 'The internship ({startOn} to {endOn}) has no internship liability insurance' },
    accidentInsuranceMissing: { 'zh-CN': '实习({startOn}至{endOn})未落实人身意外伤害保险', en: 'The internship ({startOn} to {endOn}) has no personal accident insurance' },
    bothInsurancesMissing: { 'zh-CN': '实习({startOn}至{endOn})未落实实习责任保险和人身意外伤害保险', en: 'The internship ({startOn} to {endOn}) has neither liability nor accident insurance' },
    insuranceCoverageShort: {
      'zh-CN': '保险期间{coverStart}至{coverEnd}未覆盖实习期间{startOn}至{endOn}',
      en: 'The insurance ({coverStart} to {coverEnd}) does not cover the internship ({startOn} to {endOn})',
    },
  },
  rules: [
    {
      id: 'cumulative-practice-short',
      title: { 'zh-CN': '专业教师到企业实践每5年累计不少于6个月', en: 'Professional teachers: ≥ 6 months of enterprise practice in every 5 years' },
      clause: '三(三)10',
      check(view, ctx) {
        const years = ctx.param('practiceWindowYears');
        const required = ctx.param('minCumulativePracticeMonths');
        const window = { start: plus1(addMonths(ctx.at, -12 * years)), end: ctx.at };
        return view.teachers
          // Hired inside the window: the new-teacher rule covers them. Unknown hire date: long-serving.
          .filter((t) => t.isProfessional && (t.hireDate === null || t.hireDate <= window.start))
          .flatMap((t) => {
            const got = cumulativeMonths(t.practicePeriods, window.start, window.end);
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
      id: 'new-teacher-practice',
      title: { 'zh-CN': '新入职专业教师前3年应在企业实践6个月以上(累计)', en: 'New professional teachers: ≥ 6 months of enterprise practice (cumulative) in their first 3 years' },
      clause: '三(三)10',
      check(view, ctx) {
        const years = ctx.param('newTeacherYears');
        const required = ctx.param('minNewTeacherPracticeMonths');
        const hiredFrom = ctx.param('newTeacherHiredFrom');
        return view.teachers
          .filter((t): t is typeof t & { hireDate: IsoDate } => t.isProfessional && t.hireDate !== null && t.hireDate >= hiredFrom && t.hireDate <= ctx.at)
          .flatMap((t) => {
            const deadline = minus1(addMonths(t.hireDate, 12 * years));
            const got = cumulativeMonths(t.practicePeriods, t.hireDate, deadline < ctx.at ? deadline : ctx.at);
            if (got.months >= required) return [];
            const over = ctx.at > deadline;
            const messageId = over ? 'newTeacherPracticeMissed' : 'newTeacherPracticePending';
            return [{
              subject: { type: 'teacher', id: t.id },
              severity: over ? 'violation' : 'warning',
              messageId,
              params: { name: t.name, years, deadline, required, months: got.months, days: got.days },
              facts: { hireDate: t.hireDate, deadline, months: got.months, days: got.days },
            } satisfies RuleFinding<typeof messageId>];
          });
      },
    },
    {
      id: 'hiring-qualification-check',
      title: { 'zh-CN': '2022年起专业教师从具有3年以上企业工作经历并具有高职以上学历的人员中招聘', en: 'From 2022: professional teachers hired with 3+ years of enterprise work and a higher-vocational degree' },
      clause: '三(三)10',
      check(view, ctx) {
        const from = ctx.param('hiringRuleFrom');
        const years = ctx.param('minPriorEnterpriseYears');
        return view.teachers
          .filter((t): t is typeof t & { hireDate: IsoDate } => t.isProfessional && t.hireDate !== null && t.hireDate >= from && t.hireDate <= ctx.at)
          .map((t) => ({
            subject: { type: 'teacher', id: t.id },
            severity: ctx.config.hiringCheckSeverity,
            messageId: 'hiringQualificationCheck',
            params: { name: t.name, hireDate: t.hireDate, years },
            facts: { hireDate: t.hireDate, ruleFrom: from },
          }) satisfies RuleFinding<'hiringQualificationCheck'>);
      },
    },
    {
      id: 'internship-insurance',
      title: { 'zh-CN': '落实学生实习责任保险和人身意外伤害保险', en: 'Every internship insured: liability and personal accident' },
      clause: '三(五)17',
      check(view, ctx) {
        return view.internships
          // Started and not cut short before starting: a planned internship may buy its policy later.
          .filter((i) => (i.status === 'ongoing' || i.status === 'completed' || i.status === 'terminated') && i.startOn <= ctx.at)
          .flatMap((i): RuleFinding<'liabilityInsuranceMissing' | 'accidentInsuranceMissing' | 'bothInsurancesMissing' | 'insuranceCoverageShort'>[] => {
            const { liability, accident, start, end } = i.insurance;
            const dates = { startOn: i.startOn, endOn: i.endOn };
            const subject = { type: 'internship', id: i.id } as const;
            const facts = { liability, accident, coverStart: start, coverEnd: end, startOn: i.startOn, endOn: i.endOn };
            if (!liability || !accident) {
              const messageId = !liability && !accident ? 'bothInsurancesMissing' : liability ? 'accidentInsuranceMissing' : 'liabilityInsuranceMissing';
              return [{ subject, severity: 'violation', messageId, params: dates, facts }];
            }
            // Without recorded dates the coverage cannot be compared; the kinds alone are checked.
            if (start !== null && end !== null && (start > i.startOn || end < i.endOn)) {
              return [{ subject, severity: 'violation', messageId: 'insuranceCoverageShort', params: { ...dates, coverStart: start, coverEnd: end }, facts }];
            }
            return [];
          });
      },
    },
  ],
  targets: [
    { id: 'enterprises-in-schooling', title: { 'zh-CN': '引入5家以上企业参与职业教育办学', en: '≥ 5 enterprises take part in running vocational schools' }, metric: 'enterprises.withActiveAgreement', goal: 5, deadline: BY_2025, clause: '二' },
    { id: 'integration-majors', title: { 'zh-CN': '设立3个以上产教融合专业', en: '≥ 3 integration majors' }, metric: 'majors.withActiveAgreement', goal: 3, deadline: BY_2025, clause: '二' },
    { id: 'integration-bases-2025', title: { 'zh-CN': '建成10个以上产教融合基地', en: '≥ 10 integration bases' }, metric: 'agreements.active{mode=shared_training_base}', goal: 10, deadline: BY_2025, clause: '二' },
    { id: 'new-majors', title: { 'zh-CN': '中职新设6个以上专业', en: '≥ 6 new secondary-vocational majors' }, metric: 'majors.createdSince{2020-08-09}', goal: 6, deadline: BY_2025, clause: '二' },
    { id: 'new-majors-2020', title: { 'zh-CN': '2020年申报设置电气技术应用等5个专业', en: '2020: apply for the 5 named majors' }, metric: 'majors.createdSince{2020-08-09}', goal: 5, deadline: '2020-12-31', clause: '四(三)' },
    { id: 'integration-enterprises-2023', title: { 'zh-CN': '2023年培育完成2家以上产教融合型企业', en: '2023: ≥ 2 certified integration enterprises' }, metric: 'organizations.designated{integration_enterprise,certified}', goal: 2, deadline: BY_2023, clause: '四(三)' },
    { id: 'integration-bases-2023', title: { 'zh-CN': '2023年创建5个以上产教融合型基地', en: '2023: ≥ 5 integration bases' }, metric: 'agreements.active{mode=shared_training_base}', goal: 5, deadline: BY_2023, clause: '四(三)' },
    // 50 a year from 2023 to the plan's end in 2025: 150 in all.
    { id: 'craftsmen', title: { 'zh-CN': '从2023年起每年培养50名工匠型人才', en: '50 craftsman-type graduates a year from 2023' }, metric: 'craftsmen.trained{since=2023-01-01}', goal: 150, deadline: BY_2025, schedule: { perYear: 50, from: 2023 }, clause: '三(三)8' },
    { id: 'teachers-practice-complete', title: { 'zh-CN': '专业教师5年累计企业实践均达6个月', en: 'Every professional teacher has 6 months of practice in 5 years' }, metric: 'teachers.practiceShort{window=5y,months=6}', goal: 0, comparison: 'at-most', deadline: BY_2025, clause: '三(三)10' },
    { id: 'internships-insured', title: { 'zh-CN': '实习学生均有实习责任保险和人身意外伤害保险', en: 'Every intern insured (liability and accident)' }, metric: 'internships.insured.ratio', goal: 1, deadline: BY_2025, clause: '三(五)17' },
  ],
  tasks: [
    ...workItems(),
    ...phasedTasks(),
    { id: 'steering-committee', title: { 'zh-CN': '组建校企合作、产教融合指导委员会,职校和企业分别设置办公室', en: 'Form the school–enterprise steering committee, with an office at the school and at the enterprise' }, clause: '四(一)', leadUnit: '职校', coUnits: ['首选企业'], due: BY_2025 },
    { id: 'supervision-system', title: { 'zh-CN': '建立产教融合专项工作督导评估制度', en: 'Set up the integration supervision and assessment system' }, clause: '四(二)', leadUnit: '教育督导委员会', coUnits: ['发改委', '工信局'], due: BY_2025 },
  ],
  reminders: [
    { id: 'leading-group-report', title: { 'zh-CN': '师党委教育工作领导小组每年听取产教融合工作汇报', en: 'Yearly report to the division’s education leading group' }, clause: '四(一)', when: { timesPerYear: 1 }, recipients: ['bureau_admin'] },
    { id: 'third-party-evaluation', title: { 'zh-CN': '社会第三方评估机构每年开展一次校企合作、产教融合效能评价', en: 'Yearly third-party evaluation of cooperation and integration' }, clause: '四(二)', when: { timesPerYear: 1 }, recipients: ['bureau_admin', 'evaluator'] },
    { id: 'supply-demand-report', title: { 'zh-CN': '发布乌昌地区年度人才供需信息', en: 'Publish the yearly Urumqi–Changji talent supply and demand information' }, clause: '三(一)3', when: { timesPerYear: 1 }, recipients: ['bureau_admin'] },
    { id: 'master-teacher-selection', title: { 'zh-CN': '每年遴选职教名师、名教师团队、高水平企业讲师', en: 'Yearly selection of master teachers, teams and enterprise lecturers' }, clause: '三(三)10', when: { timesPerYear: 1 }, recipients: ['bureau_admin', 'school_admin'] },
    { id: 'craftsmen-yearly', title: { 'zh-CN': '每年培养50名工匠型人才', en: 'Train 50 craftsman-type graduates this year' }, clause: '三(三)8', when: { timesPerYear: 1 }, recipients: ['bureau_admin', 'school_admin'] },
    { id: 'practice-short-notice', title: { 'zh-CN': '教师企业实践不足提醒', en: 'Teacher practice shortfall' }, clause: '三(三)10', when: { onFinding: 'cumulative-practice-short' }, recipients: ['teacher', 'school_admin'] },
    { id: 'new-teacher-practice-notice', title: { 'zh-CN': '新入职教师企业实践提醒', en: 'New teacher practice' }, clause: '三(三)10', when: { onFinding: 'new-teacher-practice' }, recipients: ['teacher', 'school_admin'] },
    { id: 'hiring-check-notice', title: { 'zh-CN': '新聘专业教师资格核实提醒', en: 'Check a new professional teacher’s qualifications' }, clause: '三(三)10', when: { onFinding: 'hiring-qualification-check' }, recipients: ['school_admin'] },
    { id: 'insurance-notice', title: { 'zh-CN': '实习保险未落实提醒', en: 'Internship insurance missing' }, clause: '三(五)17', when: { onFinding: 'internship-insurance' }, recipients: ['school_admin', 'bureau_admin'] },
  ],
  calculators: [
    defineCalculator({
      id: 'surcharge-deduction',
      title: { 'zh-CN': '投资额30%抵扣教育费附加', en: '30 % of the investment deducted from the education surcharges' },
      clause: '三(五)16',
      input: z.object({ investment: z.number().min(0).max(1e13), surchargesDue: z.number().min(0).max(1e13) }),
      compute: (input, at) => educationSurchargeDeduction(at, input.investment, input.surchargesDue),
    }),
  ],
});
export default plugin;

/**
 * 三(五)16: a 产教融合试点企业's qualifying investment deducts 30% of itself from the education
 * surcharges (教育费附加 and 地方教育附加) due that year, never more than is due. Amounts in yuan,
 * rounded to the fen. Which investment qualifies ("符合条件") is for the tax office to decide.
 */
export function educationSurchargeDeduction(at: IsoDate, investment: number, surchargesDue: number) {
  if (!(investment >= 0) || !(surchargesDue >= 0)) throw new RangeError('investment and surchargesDue must be non-negative numbers');
  const rate = parameterAt(plugin.parameters.investmentDeductionRate!, at) as { value: number; effectiveFrom: IsoDate; clause: string };
  const computed = Math.round(investment * rate.value * 100) / 100;
  return { deduction: Math.min(computed, surchargesDue), computed, rate: rate.value, clause: rate.clause, effectiveFrom: rate.effectiveFrom };
}

/** The 19 work items of 三, each with its 责任单位 as printed: the first is the lead ("排在第一位的为牵头单位"). */
function workItems() {
  const items: [id: string, clause: string, zh: string, en: string, units: string][] = [
    ['plan-integration', '三(一)1', '规划布局融入师域经济发展;新建十二师高等职业技术学院', 'Build integration into the division’s plans; found the 12th Division higher vocational college', '发改委、教育局、人社局、财政局,各团场,西郊城区管委会,职校'],
    ['align-majors', '三(一)2', '设置学科适应现代企业转型升级', 'Align majors with industry upgrading', '教育局、发改委、工信局、财政局,各团场,西郊城区管委会,职校'],
    ['talent-quality', '三(一)3', '开展技能培训与岗位需求对接调查,发布乌昌地区年度人才供需信息', 'Survey training against job demand; publish yearly supply–demand information', '教育局、人社局,各团场,西郊城区管委会,职校'],
    ['bring-enterprises-in', '三(二)4', '推进“引企入教”改革', 'Bring enterprises into teaching (引企入教)', '教育局、工信局、人社局,各团场,西郊城区管委会,职校'],
    ['productive-internships', '三(二)5', '开展生产性实习实训,保障学生获得合理报酬、实习责任保险等权益', 'Productive internships, with fair pay and liability insurance', '教育局、发改委、工信局、人社局,各团场,西郊城区管委会,职校'],
    ['joint-innovation', '三(二)6', '以企业为主体推进协同创新和成果转化', 'Enterprise-led joint innovation and transfer of results', '科技局、发改委、教育局、财政局,各团场,西郊城区管委会,职校'],
    ['staff-training', '三(二)7', '强化企业职工在岗教育培训,足额提取教育培训经费', 'On-the-job staff training, training funds set aside in full', '人社局、审计局,总工会,各团场,西郊城区管委会,职校'],
    ['craftsmanship-in-schools', '三(三)8', '将培育工匠精神融入基础教育', 'Craftsmanship in basic education', '教育局、人社局,总工会,各团场,西郊城区管委会,职校'],
    ['joint-education', '三(三)9', '推进产教协同育人,推行现代学徒制和企业新型学徒制', 'Joint education; modern and enterprise apprenticeships', '教育局、发改委、财政局、人社局,西郊城区管委会,职校'],
    ['teaching-staff', '三(三)10', '加强产教融合师资队伍建设', 'Build the integration teaching staff', '职校,教育局、人社局、财政局,编办,各团场,西郊城区管委会'],
    ['training-services', '三(三)11', '创新教育培训服务供给', 'New training services', '教育局、人社局,总工会,各团场,西郊城区管委会,职校'],
    ['industry-guidance', '三(四)12', '强化行业指导', 'Industry guidance', '教育局、发改委、人社局,职校'],
    ['information-platform', '三(四)13', '打造十二师产教融合信息服务平台', 'Build the division’s integration information platform', '办公室、网信办,教育局、科技局、人社局,各团场,西郊城区管委会,职校'],
    ['third-party-evaluation', '三(四)14', '健全社会第三方评价,相关费用列入财政预算', 'Third-party evaluation, funded in the budget', '发改委、工信局、教育局、科技局、财政局,西郊城区管委会'],
    ['integration-projects', '三(五)15', '实施产教融合发展工程,“十四五”期间打造一批师级产教融合发展项目', 'Integration projects in the 14th Five-Year Plan', '发改委、教育局、人社局,各团场,西郊城区管委会,职校'],
    ['fiscal-land-support', '三(五)16', '财政用地政策支持;职校生均拨款不低于普通高中;投资额30%抵扣教育费附加', 'Fiscal and land support; per-student funding; 30% surcharge deduction', '财政局、发改委、人社局、自规局,各团场,西郊城区管委会'],
    ['financial-support', '三(五)17', '强化金融支持,落实学生实习责任保险和人身意外伤害保险', 'Financial support; intern liability and accident insurance', '财政局,金融办,发改委,西郊城区管委会'],
    ['pilot-programme', '三(五)18', '开展产教融合建设试点', 'Integration pilots', '发改委、教育局、工信局、财政局、人社局、商务局,各团场,西郊城区管委会,职校'],
    ['exchange-cooperation', '三(五)19', '加强交流与合作,与企业共建培养培训基地', 'Exchange and cooperation; training bases with enterprises', '教育局、发改委、人社局、商务局,西郊城区管委会,职校'],
  ];
  return items.map(([id, clause, zh, en, units]) => {
    const [leadUnit, ...coUnits] = units.split(/[、,]/);
    return { id, title: { 'zh-CN': zh, en }, clause, leadUnit: leadUnit!, coUnits, due: BY_2025, phase: '2020–2025' };
  });
}

/**
 * 四(三) names no 责任单位: each step takes the units of the 三 item it carries out (cited in
 * `title`), lead first, so a department officer sees the step beside the item it belongs to.
 */
function phasedTasks() {
  const units = (id: string) => {
    const item = workItems().find((w) => w.id === id)!;
    return { leadUnit: item.leadUnit, coUnits: item.coUnits };
  };
  const step = (id: string, zh: string, en: string, due: IsoDate, phase: string, unitsOf: string) => ({ id, title: { 'zh-CN': zh, en }, clause: '四(三)', due, phase, ...units(unitsOf) });
  return [
    step('phase-2020-start', '2020年:启动产教融合工作,大力宣传产教融合政策', '2020: start the integration work and publicise the policies', '2020-12-31', '2020', 'plan-integration'),
    step('phase-2020-majors', '2020年:指导职校申报设置电气技术应用、机电技术应用、建筑工程施工、汽车运用与维修、中餐烹饪与营养膳食等5个专业(同三(一)2)', '2020: the school applies for 5 majors (electrical, mechatronics, construction, automotive, Chinese cuisine)', '2020-12-31', '2020', 'align-majors'),
    step('phase-2020-enterprise-call', '2020年:开展产教融合型企业征集和申报工作(同三(五)18)', '2020: call for and file applications of integration enterprises', '2020-12-31', '2020', 'pilot-programme'),
    step('phase-2021-enterprises-in', '2021年:全力推进“引企入教”改革(同三(二)4)', '2021: push 引企入教', '2021-12-31', '2021', 'bring-enterprises-in'),
    step('phase-2021-joint-education', '2021年:推进产教协同育人(同三(三)9)', '2021: push joint education', '2021-12-31', '2021', 'joint-education'),
    step('phase-2021-teaching-staff', '2021年:推进产教融合师资队伍建设(同三(三)10)', '2021: build the integration teaching staff', '2021-12-31', '2021', 'teaching-staff'),
    step('phase-2021-incentives', '2021年:落实抵免教育费附加、师级财政资金支持等优惠政策(同三(五)16)', '2021: apply the surcharge deduction and division funding', '2021-12-31', '2021', 'fiscal-land-support'),
    step('phase-2021-central-projects', '2021年:优先安排中央预算内产教融合建设项目(同三(五)15)', '2021: prioritise central-budget integration projects', '2021-12-31', '2021', 'integration-projects'),
    step('phase-2021-model-awards', '2021年:适时优化调整学科设置,评选公布示范项目、示范企业、示范基地(同三(五)18)', '2021: adjust majors; name model projects, enterprises and bases', '2021-12-31', '2021', 'pilot-programme'),
    step('phase-2023-enterprises', '2023年:培育完成2家以上产教融合型企业(同三(五)18)', '2023: ≥ 2 integration enterprises certified', BY_2023, '2023', 'pilot-programme'),
    step('phase-2023-bases', '2023年:创建5个以上产教融合型基地(同三(二)5)', '2023: ≥ 5 integration bases', BY_2023, '2023', 'productive-internships'),
    step('phase-2025-complete', '到2025年:力争全面完成产教融合建设工作目标任务', '2025: complete the plan’s goals', BY_2025, '2025', 'plan-integration'),
  ];
}
