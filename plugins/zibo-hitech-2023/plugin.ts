// 关于推动淄博高新区现代职业教育高质量发展的若干措施 (淄博高新区管委会, 2023-09-01, 淄高新管字〔2023〕100号)
// as a policy plugin: the measures' figures as dated parameters, school–enterprise cooperation as a rule,
// the 14 measures with their 责任单位 as tasks, and the recurring duties of 四(十三) as reminders.
import { definePolicyPlugin, SDK_VERSION, type AgreementView, type IsoDate, type RuleFinding, z } from '../../core/policy/index.ts';

/** The document date (printed "202391" = 2023年9月1日): every value is published, and takes effect, on it. */
const PUBLISHED = '2023-09-01';
const cite = <T>(value: T, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

/** "本措施自发布之日起实施": the closing paragraph carries no number of its own. */
const CLOSING = '末段(本措施自发布之日起实施)';

/**
 * The measures set no dates. They implement 中办发〔2021〕43号, whose goals are set "到2025年", so
 * every target and task is due at the end of 2025; this is the plugin's reading (see README).
 */
const HORIZON_END = '2025-12-31';

const EDU = '教育和体育事业中心';
const HR = '人社中心';
const INDUSTRY = '工业信息化和商务局';
const PLANNING = '高新区自然资源和规划分局';

/** An agreement in force on `at`: active, and `at` inside its validity (both ends included; an open end is open). */
export const inForce = (a: AgreementView, at: IsoDate) =>
  a.status === 'active' && (a.validFrom === null || a.validFrom <= at) && (a.validUntil === null || a.validUntil >= at);

export default definePolicyPlugin({
  id: 'zibo-hitech-2023',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '关于推动淄博高新区现代职业教育高质量发展的若干措施', en: 'Zibo High-tech Zone: measures for high-quality modern vocational education' },
  source: {
    title: '关于推动淄博高新区现代职业教育高质量发展的若干措施',
    issuer: '淄博高新技术产业开发区管理委员会',
    date: PUBLISHED,
    referenceNumber: '淄高新管字〔2023〕100号',
    seedFile: '004_6d9491f00438627d.txt',
  },
  config: z.object({
    // 四(十二) makes cooperation "an important part" of judging a school, not a duty with a date,
    // so a school without an agreement in force is information unless the bureau decides otherwise.
    noAgreementSeverity: z.enum(['info', 'warning', 'violation']).default('info'),
  }),
  parameters: {
    measuresInForceFrom: { unit: 'date', values: cite(PUBLISHED, CLOSING) },
    onePlusNVocationalSchools: {
      unit: 'schools',
      description: { 'zh-CN': '“1+N”中的“1”:每个办学共同体中的中职学校数', en: 'The "1" of "1+N": secondary vocational schools per community' },
      values: cite(1, '一(三)', 'N (普通高中 per community) is not fixed by the text'),
    },
    minCareerEnlightenmentBases: { unit: 'bases', values: cite(1, '一(三)', '1个以上 = at least 1') },
    careerEnlightenmentBaseLevel: { unit: 'level', values: cite('city', '一(三)', '市级') },
    careerEnlightenmentCoverage: { unit: 'ratio', values: cite(1, '一(三)', '覆盖所有中小学 = every primary and secondary school') },
    publicTrainingBaseLevel: { unit: 'level', values: cite('city', '二(六)', '市级公共实习实训基地') },
  },
  reads: ['organizations', 'agreements'],
  messages: {
    schoolWithoutAgreement: {
      'zh-CN': '{name}在{at}没有生效的校企合作协议',
      en: '{name} has no school–enterprise agreement in force on {at}',
    },
  },
  rules: [
    {
      id: 'school-without-active-agreement',
      title: { 'zh-CN': '职业院校与企业开展校企合作,合作成效纳入办学质量评价', en: 'Vocational schools cooperate with enterprises; cooperation counts in judging a school' },
      clause: '四(十二)',
      check(view, ctx) {
        // Read so that a date before the measures has no answer (a plugin error), never a guess.
        const since = ctx.param('measuresInForceFrom');
        const schools = new Set(view.agreements.filter((a) => inForce(a, ctx.at)).map((a) => a.schoolId));
        return view.organizations
          .filter((o) => o.kind === 'school' && !schools.has(o.id))
          .map((o) => ({
            subject: { type: 'organization', id: o.id },
            severity: ctx.config.noAgreementSeverity,
            messageId: 'schoolWithoutAgreement',
            params: { name: o.name, at: ctx.at },
            facts: { agreementsOfSchool: view.agreements.filter((a) => a.schoolId === o.id).length, measuresInForceFrom: since },
          }) satisfies RuleFinding<'schoolWithoutAgreement'>);
      },
    },
  ],
  targets: [
    {
      id: 'career-enlightenment-base',
      title: { 'zh-CN': '依托职业院校建成1个以上市级中小学职业启蒙和劳动教育基地', en: 'At least one city-level career-enlightenment and labour-education base, hosted by a vocational school' },
      metric: 'bases.careerEnlightenment{level=city}',
      goal: 1,
      deadline: HORIZON_END,
      clause: '一(三)',
    },
    {
      id: 'career-enlightenment-coverage',
      title: { 'zh-CN': '职业启蒙和劳动教育覆盖所有中小学', en: 'Career enlightenment and labour education reach every primary and secondary school' },
      metric: 'schools.primarySecondary.careerEnlightenment.ratio',
      goal: 1,
      deadline: HORIZON_END,
      clause: '一(三)',
    },
    {
      id: 'schools-with-active-agreement',
      title: { 'zh-CN': '每所职业院校均有生效的校企合作协议', en: 'Every vocational school has a school–enterprise agreement in force' },
      metric: 'schools.withoutActiveAgreement',
      goal: 0,
      comparison: 'at-most',
      deadline: HORIZON_END,
      clause: '四(十二)',
    },
  ],
  tasks: [
    task('party-leadership', '加强职业院校党的建设,培育和传承工匠精神', 'Strengthen Party leadership in vocational schools', '一(一)', [EDU, '组织人事部', '宣传新闻中心', HR]),
    task('district-coordination', '统筹职业院校布局、专业设置调整与资源共建共享', 'Coordinate school layout, majors and shared resources district-wide', '一(二)', [EDU, INDUSTRY, HR, PLANNING]),
    task('merge-low-employment-majors', '撤并整合就业率低的专业,鼓励开设急需和紧缺专业', 'Merge or close low-employment majors; open urgently needed ones', '一(二)', [EDU, INDUSTRY, HR, PLANNING]),
    task('one-plus-n-mechanism', '建立中职学校与普通高中“1+N”合作发展机制,组建办学共同体,开设职普融通班', 'Set up the "1+N" secondary vocational–general high school communities and integrated classes', '一(三)', [EDU, HR]),
    task('career-enlightenment-base', '依托职业院校建成1个以上市级中小学职业启蒙和劳动教育基地', 'Build at least one city-level career-enlightenment base', '一(三)', [EDU, HR]),
    task('vertical-pathways', '一体化设计职业教育人才培养体系,各层次有机衔接', 'Design one vocational pathway across levels', '一(四)', [EDU]),
    task('school-standardisation', '实施中职学校提质培优行动,依托中德莱茵智能科技学校打造高水平中职院校', 'Raise secondary vocational schools to standard (中德莱茵智能科技学校)', '二(五)', [EDU, '发展和改革局', HR, PLANNING, '城投公司']),
    task('public-training-base', '依托中德莱茵科斯特智能制造产教融合基地建设市级公共实习实训基地', 'Build the city-level public training base (中德莱茵科斯特)', '二(六)', [EDU, HR, '城投公司']),
    task('distinctive-majors', '建设智能设备运行与维护等中职(技工)特色化专业', 'Build distinctive majors such as intelligent equipment operation and maintenance', '三(七)', [EDU, HR]),
    task('major-adjustment-filing', '动态调整专业设置,开展专业调整申报备案工作', 'Adjust majors to local industry and file the adjustments', '三(八)', [EDU]),
    task('three-teaching-reforms', '开展教师职业技能大赛和教学能力比赛,深化教师、教材、教法改革', 'Teacher, textbook and teaching-method reforms and teaching competitions', '三(九)', [EDU, HR]),
    task('skills-competitions', '承办全国、全省、全市职业院校技能大赛', 'Host national, provincial and city vocational skills competitions', '三(十)', [EDU, INDUSTRY, HR]),
    task('integration-enterprises', '打造产教融合标杆行业,培育产教融合型企业', 'Build model industries and cultivate integration enterprises', '四(十一)', ['发展改革局', EDU, '科学技术发展中心', INDUSTRY]),
    task('school-enterprise-cooperation', '引导职业院校与企业共建创新平台,探索“政校企行”等合作办学模式', 'School–enterprise platforms and joint-running models', '四(十二)', [EDU, INDUSTRY, HR]),
    task('supply-demand-fairs', '定期举办校企供需见面会', 'Hold regular school–enterprise supply–demand fairs', '四(十三)', [EDU, INDUSTRY, HR]),
    task('talent-demand-reports', '利用齐鲁产教融合服务平台及时发布产业人才需求信息报告', 'Publish industry talent-demand reports on the Qilu platform', '四(十三)', [EDU, INDUSTRY, HR]),
    task('staff-training-bases', '引导职业院校与企业联合建设共享性职工培训基地,开展职业技能培训', 'Shared staff-training bases and skills training', '四(十四)', [HR, EDU]),
  ],
  reminders: [
    {
      id: 'supply-demand-fair',
      title: { 'zh-CN': '举办校企供需见面会', en: 'Hold a school–enterprise supply–demand fair' },
      clause: '四(十三)',
      // "定期" names no frequency; twice a year (one per semester) is this plugin's reading.
      when: { timesPerYear: 2 },
      recipients: ['bureau_admin', 'school_admin'],
    },
    {
      id: 'talent-demand-report',
      title: { 'zh-CN': '发布产业人才需求信息报告', en: 'Publish the industry talent-demand report' },
      clause: '四(十三)',
      // "及时发布" names no frequency; once a year is this plugin's reading.
      when: { timesPerYear: 1 },
      recipients: ['bureau_admin', 'department_officer'],
    },
    {
      id: 'major-adjustment-review',
      title: { 'zh-CN': '专业设置动态调整与申报备案', en: 'Review majors and file adjustments' },
      clause: '三(八)',
      // "动态调整" names no frequency; once a year, before enrolment planning, is this plugin's reading.
      when: { timesPerYear: 1 },
      recipients: ['bureau_admin', 'school_admin'],
    },
    { id: 'agreement-missing-notice', title: { 'zh-CN': '学校无生效校企合作协议提醒', en: 'School without an agreement in force' }, clause: '四(十二)', when: { onFinding: 'school-without-active-agreement' }, recipients: ['school_admin', 'bureau_admin'] },
  ],
});

/** 责任单位 as printed: the lead unit first (the text marks it in bold, lost in the plain text), the rest co-units. */
function task(id: string, zh: string, en: string, clause: string, units: [string, ...string[]]) {
  const [leadUnit, ...coUnits] = units;
  return { id, title: { 'zh-CN': zh, en }, clause, leadUnit, coUnits, due: HORIZON_END };
}
