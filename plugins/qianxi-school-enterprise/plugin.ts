// 最新校企合作工作实施方案 篇1 (黔西县, "产业园区+标准厂房+职业教育") as a policy plugin: the six
// cooperation modes' checkable parts (2+1 internship year, work–study rotation, order classes at the partner), the steering committee and the rollout.
import { addMonths, definePolicyPlugin, monthsIn, SDK_VERSION, type AgreementView, type RuleFinding } from '../../core/policy/index.ts';

/** The compilation date (篇1 prints none of its own): every value is published, and takes effect, on it. */
const PUBLISHED = '2024-04-10';
const cite = <T>(value: T, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

// Clauses as printed: the compilation dropped the 一、二、三 headings, so a clause is 篇1 + the item and its heading.
const ORDER = '篇1 (一)订单培养模式';
const ALTERNATION = '篇1 (二)工学交替模式';
const POST = '篇1 (三)顶岗实习模式';
const COMMITTEE = '篇1 ¶为切实推进校企合作';

// Calendar arithmetic comes from the SDK; re-exported for the fixtures that check it.
export { addMonths, monthsIn };

const over = (m: { months: number; days: number }, n: number) => m.months > n || (m.months === n && m.days > 0);

/** The rollout's only printed year is its end, "20xx年7月至2015年7月"; the other steps print "20xx", so they are all due then. */
const ROLLOUT_END = '2015-07-31';
const SCHOOL = '黔西县中等职业学校';
const BUREAU = '县教育局';
const COMMITTEE_MEMBERS = [BUREAU, '县工能局', '县人社局', '县招商局', '工业园区', '产业基地', '农业示范园', SCHOOL];

const withMode = (agreements: readonly AgreementView[], mode: AgreementView['mode']) => new Map(agreements.filter((a) => a.mode === mode).map((a) => [a.id, a]));

export default definePolicyPlugin({
  id: 'qianxi-school-enterprise',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '黔西县校企合作工作实施方案', en: 'Qianxi County school–enterprise cooperation plan' },
  source: {
    title: '最新校企合作工作实施方案(篇1,黔西县)',
    issuer: '黔西县人民政府 (as the text reads; compiled by 爱可网 www.ik35.com)',
    date: PUBLISHED,
    referenceNumber: null,
    seedFile: '002_c48000184ae4df2e.txt',
  },
  parameters: {
    postInternshipMonths: { unit: 'months', values: cite(12, POST, '到用人单位进行为期一年的顶岗实习') },
    schoolYearsBeforeInternship: { unit: 'years', values: cite(2, POST, '“2+1”: 前两年在职业学校完成全部课程') },
    maxRotationMonths: { unit: 'months', values: cite(6, ALTERNATION, '每月或每学期实施轮换: a semester is read as at most 6 months') },
    rolloutEnd: { unit: 'date', values: cite(ROLLOUT_END, '篇1 (五)20xx年7月至2015年7月') },
  },
  reads: ['internships', 'agreements'],
  messages: {
    postInternshipNotAYear: {
      'zh-CN': '“2+1”顶岗实习{startOn}至{endOn}为{months}个月{days}天,不是为期{required}个月',
      en: 'The "2+1" 顶岗 internship {startOn} to {endOn} lasts {months} months {days} days, not {required} months',
    },
    rotationTooLong: {
      'zh-CN': '工学交替在企业{startOn}至{endOn}连续{months}个月{days}天,超过一个学期({max}个月)未轮换',
      en: 'Work–study at the enterprise {startOn} to {endOn} runs {months} months {days} days, longer than a semester ({max} months) without rotating',
    },
    orderInternshipElsewhere: {
      'zh-CN': '订单培养学生的实习不在签订订单协议“{agreement}”的企业',
      en: 'An order-class student’s internship is not at the enterprise of the order agreement "{agreement}"',
    },
  },
  rules: [
    {
      id: 'two-plus-one-internship-year',
      title: { 'zh-CN': '“2+1”顶岗实习为期一年', en: '"2+1": the 顶岗 internship lasts one year' },
      clause: POST,
      check(view, ctx) {
        const required = ctx.param('postInternshipMonths');
        const agreements = withMode(view.agreements, 'post_internship');
        return view.internships
          // Planned dates are checked too; a terminated internship was cut short on purpose.
          .filter((i) => i.kind === 'post' && i.status !== 'terminated' && i.agreementId !== null && agreements.has(i.agreementId))
          .flatMap((i) => {
            const m = monthsIn(i.startOn, i.endOn);
            if (m.months === required && m.days === 0) return [];
            return [{
              subject: { type: 'internship', id: i.id },
              severity: 'warning',
              messageId: 'postInternshipNotAYear',
              params: { startOn: i.startOn, endOn: i.endOn, months: m.months, days: m.days, required },
              facts: { agreementId: i.agreementId, status: i.status },
            } satisfies RuleFinding<'postInternshipNotAYear'>];
          });
      },
    },
    {
      id: 'work-study-rotation',
      title: { 'zh-CN': '工学交替每月或每学期轮换', en: 'Work–study alternation rotates monthly or each semester' },
      clause: ALTERNATION,
      check(view, ctx) {
        const max = ctx.param('maxRotationMonths');
        const agreements = withMode(view.agreements, 'work_study_alternation');
        return view.internships
          .filter((i) => i.status !== 'terminated' && i.agreementId !== null && agreements.has(i.agreementId))
          .flatMap((i) => {
            const m = monthsIn(i.startOn, i.endOn);
            if (!over(m, max)) return [];
            return [{
              subject: { type: 'internship', id: i.id },
              severity: 'warning',
              messageId: 'rotationTooLong',
              params: { startOn: i.startOn, endOn: i.endOn, months: m.months, days: m.days, max },
              facts: { agreementId: i.agreementId },
            } satisfies RuleFinding<'rotationTooLong'>];
          });
      },
    },
    {
      id: 'order-internship-at-partner',
      title: { 'zh-CN': '订单培养学生的生产实习、顶岗实习在合作企业完成', en: 'Order-class students do their internships at the partner enterprise' },
      clause: ORDER,
      check(view) {
        const agreements = withMode(view.agreements, 'order_class');
        return view.internships.flatMap((i) => {
          const a = i.agreementId === null ? undefined : agreements.get(i.agreementId);
          if (!a || i.status === 'terminated' || a.enterpriseId === i.enterpriseId) return [];
          return [{
            subject: { type: 'internship', id: i.id },
            severity: 'warning',
            messageId: 'orderInternshipElsewhere',
            params: { agreement: a.title },
            facts: { agreementEnterpriseId: a.enterpriseId, internshipEnterpriseId: i.enterpriseId },
          } satisfies RuleFinding<'orderInternshipElsewhere'>];
        });
      },
    },
  ],
  tasks: [
    task('set-up-steering-committee', '成立县校企合作指导委员会(县长任主任)', 'Set up the county school–enterprise steering committee, chaired by the county head', COMMITTEE, '县政府', COMMITTEE_MEMBERS),
    task('committee-office', '指导委员会办公室设在县教育局,负责日常工作', 'Run the committee office at the county education bureau', COMMITTEE, BUREAU, []),
    task('survey-park-enterprises', '中职学校深入园区对实际运作的企业进行调研', 'Survey the operating enterprises in the industrial park', '篇1 (一)20xx年11月', SCHOOL, [], '(一)20xx年11月'),
    task('cooperation-intents', '与泰丰园、水西大酒店、兴黔建材、县卫生局及县中心医院达成专业合作意向', 'Reach cooperation intents with the five named partners', '篇1 (二)20xx年12月', SCHOOL, [], '(二)20xx年12月'),
    task('sign-agreements', '与上述合作单位签订合作协议,落实合作模式', 'Sign the agreements with those partners and fix each mode', '篇1 (三)20xx年1月至2月', SCHOOL, [], '(三)20xx年1月至2月'),
    task('enterprise-experts-teach', '按企业需求融入技能培训,从企业聘请专家或技师到学校上课', 'Teach the skills enterprises need; bring enterprise experts and technicians in to teach', '篇1 (四)20xx年3月至6月 1', SCHOOL, [], '(四)20xx年3月至6月'),
    task('send-students-to-internships', '安排相关专业学生到企业进行教学实习或顶岗实习', 'Send students on teaching or 顶岗 internships', '篇1 (四)20xx年3月至6月 2', SCHOOL, [], '(四)20xx年3月至6月'),
    task('further-agreements', '逐步落实与其他相关企业合作协议', 'Conclude agreements with further enterprises', '篇1 (五)20xx年7月至2015年7月', SCHOOL, [], '(五)20xx年7月至2015年7月'),
    task('teaching-reform', '深化教学改革,提高办学质量和效益', 'Reform teaching to raise quality', '篇1 (四)加大改革力度,提高办学质量和效益', BUREAU, [SCHOOL]),
    task('teacher-training-plan', '制定教师培训计划并分步实施;引导文化课教师向“双师型”转变', 'Write and carry out the teacher training plan; move teachers towards 双师型', '篇1 (五)加强培训,建设一支适应职业教育发展需要的师资队伍', BUREAU, []),
  ],
  reminders: [
    { id: 'internship-year-notice', title: { 'zh-CN': '“2+1”顶岗实习期限不符', en: '"2+1" internship not a year' }, clause: POST, when: { onFinding: 'two-plus-one-internship-year' }, recipients: ['school_admin'] },
    { id: 'rotation-notice', title: { 'zh-CN': '工学交替未按学期轮换', en: 'Work–study not rotated' }, clause: ALTERNATION, when: { onFinding: 'work-study-rotation' }, recipients: ['school_admin'] },
    { id: 'order-partner-notice', title: { 'zh-CN': '订单培养学生不在合作企业实习', en: 'Order-class internship elsewhere' }, clause: ORDER, when: { onFinding: 'order-internship-at-partner' }, recipients: ['school_admin', 'bureau_admin'] },
  ],
});

function task(id: string, zh: string, en: string, clause: string, leadUnit: string, coUnits: string[], phase?: string) {
  return { id, title: { 'zh-CN': zh, en }, clause, leadUnit, coUnits, due: ROLLOUT_END, ...(phase ? { phase } : {}) };
}
