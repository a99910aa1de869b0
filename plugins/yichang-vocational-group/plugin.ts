// 营造产教融合环境,构建学校与企业命运共同体 (宜昌市教育局 experience report, 2024-12-14) as a policy
// plugin: the vocational education group's structure and yearly cycle, the matching figures it reports, and the major-layout review.
import { definePolicyPlugin, SDK_VERSION } from '../../core/policy/index.ts';

/** The report's publication date: every figure below is cited to it and takes effect on it. */
const PUBLISHED = '2024-12-14';
const cite = (value: number, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

/** The report looks back and sets no deadline; its structures are due by the end of the first full year the plugin applies (see README). */
const NEXT_YEAR_END = '2025-12-31';

const BUREAU = '市教育局';
const GROUP = '宜昌三峡职业教育集团';

export default definePolicyPlugin({
  id: 'yichang-vocational-group',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '宜昌三峡职业教育集团:营造产教融合环境', en: 'Yichang Three Gorges vocational education group: building the integration environment' },
  source: {
    title: '营造产教融合环境,构建学校与企业命运共同体',
    issuer: '宜昌市教育局',
    date: PUBLISHED,
    // An experience report reprinted online: no 文号.
    referenceNumber: null,
    seedFile: '003_9a4042f4b84dd83c.txt',
  },
  parameters: {
    // The group's structure (2016 board reform) and yearly cycle.
    industryCommittees: { unit: 'committees', values: cite(11, '2(一)一是', '2016年换届时调整重置的产学合作委员会数') },
    boardMeetingsPerYear: { unit: 'meetings/year', values: cite(1, '2(一)三是') },
    // The 2019 matching figures the bureau reports: the baseline of the yearly matching report.
    forums2019: { unit: 'forums', values: cite(10, '2(二)', '2019年校企座谈会场数') },
    forumCommittees2019: { unit: 'committees', values: cite(9, '2(二)', '2019年依托的产学合作委员会数') },
    forumDepartments2019: { unit: 'departments', values: cite(9, '2(二)', '2019年联合举办的市行业主管部门数') },
    forumActivities: { unit: 'activities/forum', values: cite(5, '2(二)', '每次座谈会的五个“一”活动') },
    forumEnterprises2019: { unit: 'enterprises', values: cite(118, '2(二)', '2019年参加座谈会的企业') },
    intentAgreements2019: { unit: 'agreements', values: cite(131, '2(二)', '2019年签订的校企合作意向书') },
    enterpriseVisits2019: { unit: 'enterprises', values: cite(1077, '2(二)', '2019年职业学校走访企业') },
    teacherTrainings2019: { unit: 'person-times', values: cite(1554, '2(二)', '2019年派出教师赴企业培训人次') },
    orderClasses2019: { unit: 'classes', values: cite(108, '2(二)', '2019年促成订单班') },
    orderClassStudents2019: { unit: 'students', values: cite(7053, '2(二)', '2019年订单班招收学生') },
    // The major-layout review.
    majorsBefore: { unit: 'majors', values: cite(149, '2(三)', '“十二五”末的专业数') },
    majorsNow: { unit: 'majors', values: cite(49, '2(三)', '报告所述目前的专业数') },
    defenceQuestions: { unit: 'questions', values: cite(3, '2(三)', '市场需求分析、办学条件分析、建设发展规划') },
  },
  reads: [],
  messages: {},
  // The report sets no duty a single record could breach; its checkable parts are metrics, tasks and reminders (see README).
  rules: [],
  targets: [
    {
      id: 'industry-committees',
      title: { 'zh-CN': '职教集团保持11个产学合作委员会', en: 'The group keeps its 11 industry–education committees' },
      metric: 'group.industryCommittees',
      goal: 11,
      deadline: NEXT_YEAR_END,
      clause: '2(一)一是',
    },
    {
      id: 'major-count',
      title: { 'zh-CN': '全市职业学校专业数不超过49个(专业布局调整成果)', en: 'No more than the 49 majors the layout review arrived at' },
      metric: 'majors.count',
      goal: 49,
      comparison: 'at-most',
      deadline: NEXT_YEAR_END,
      clause: '2(三)',
    },
  ],
  tasks: [
    { id: 'industry-committee-chairs', title: { 'zh-CN': '产学合作委员会由市产业主管部门(或行业大型龙头企业)负责人任主任,高职和特色中职学校任副主任和秘书单位', en: 'Committees chaired by the city’s industry departments (or leading enterprises); vocational schools as vice-chair and secretariat' }, clause: '2(一)一是', leadUnit: BUREAU, coUnits: [GROUP, '市产业主管部门', '行业大型龙头企业', '职业院校'], due: NEXT_YEAR_END, phase: '集团架构' },
    { id: 'group-secretariat', title: { 'zh-CN': '在市教育局设立职教集团秘书处,职教处处长任秘书长,行业主管部门负责同志任副秘书长', en: 'Group secretariat at the bureau, head of the vocational education division as secretary-general' }, clause: '2(一)二是', leadUnit: BUREAU, coUnits: [GROUP, '行业主管部门'], due: NEXT_YEAR_END, phase: '集团架构' },
    { id: 'teaching-guidance-committees', title: { 'zh-CN': '各职业院校联合相关行业企业成立专业教学指导委员会', en: 'Each vocational school forms teaching guidance committees with industry' }, clause: '2(一)二是', leadUnit: '职业院校', coUnits: ['行业企业'], due: NEXT_YEAR_END, phase: '集团架构' },
    { id: 'major-layout-review', title: { 'zh-CN': '专业布局与结构调整答辩评审:学校主要负责人参加,回答市场需求分析、办学条件分析、建设发展规划三个问题', en: 'Major-layout defence review: principals attend and answer market demand, school conditions and development plan' }, clause: '2(三)', leadUnit: BUREAU, coUnits: ['职业院校'], due: NEXT_YEAR_END, phase: '专业布局调整' },
    { id: 'major-layout-training', title: { 'zh-CN': '举办全市职业学校专业布局和结构调整培训班', en: 'Hold the city’s major-layout training course for vocational schools' }, clause: '2(三)', leadUnit: BUREAU, coUnits: ['职业院校'], due: NEXT_YEAR_END, phase: '专业布局调整' },
  ],
  reminders: [
    { id: 'board-meeting', title: { 'zh-CN': '每年召开一次职教集团董事会全体会议', en: 'Yearly plenary meeting of the group’s board' }, clause: '2(一)三是', when: { timesPerYear: 1 }, recipients: ['bureau_admin'] },
    // "每年春季学期": the spring term starts around March; the joint file is due in its first month (this plugin's reading).
    { id: 'spring-matching-notice', title: { 'zh-CN': '春季学期市教育局与职教集团联合下发校企对接活动文件', en: 'Spring term: bureau and group issue the joint file on the year’s matching events' }, clause: '2(二)', when: { every: 'year', before: '03-31' }, recipients: ['bureau_admin'] },
    { id: 'matching-series', title: { 'zh-CN': '每年举办校企合作座谈会、职业校企行、教师企业培训、技能大赛等系列校企对接活动', en: 'Yearly series of matching events: forums, school–enterprise visits, teacher training in enterprises, skills contests' }, clause: '2(二)', when: { timesPerYear: 1 }, recipients: ['bureau_admin', 'school_admin'] },
  ],
  reports: [
    {
      id: 'group-annual-report',
      title: { 'zh-CN': '职教集团年度工作汇报(秘书长在董事会全体会议上汇报上一年工作)', en: 'The group’s yearly report (by the secretary-general to the board)' },
      clause: '2(一)三是',
      sections: [
        { title: { 'zh-CN': '产学合作委员会', en: 'Industry–education committees' }, metrics: ['group.industryCommittees'] },
        { title: { 'zh-CN': '董事会全体会议', en: 'Board plenary meetings' }, metrics: ['group.boardMeetings'] },
      ],
    },
    {
      id: 'school-enterprise-matching',
      title: { 'zh-CN': '年度系列校企对接活动成效(以2019年数据为基线)', en: 'The year’s matching events (2019 as the baseline)' },
      clause: '2(二)',
      sections: [
        { title: { 'zh-CN': '校企座谈会(2019年:10场,9个产学合作委员会,9个市行业主管部门)', en: 'Forums (2019: 10, with 9 committees and 9 city departments)' }, metrics: ['matching.forums', 'matching.forumCommittees', 'matching.forumDepartments'] },
        { title: { 'zh-CN': '参会企业与合作意向书(2019年:118家,131份)', en: 'Enterprises attending and letters of intent (2019: 118, 131)' }, metrics: ['matching.forumEnterprises', 'agreements.signedInYear{kind=intent}'] },
        { title: { 'zh-CN': '职业学校走访企业(2019年:1077家)', en: 'Enterprises visited by schools (2019: 1077)' }, metrics: ['matching.enterpriseVisits'] },
        { title: { 'zh-CN': '派出教师赴企业培训(2019年:1554人次)', en: 'Teachers sent to train in enterprises (2019: 1554 person-times)' }, metrics: ['teachers.practicePeriodsStartedInYear'] },
        { title: { 'zh-CN': '订单班与招生(2019年:108个,7053人)', en: 'Order classes and their students (2019: 108 classes, 7053 students)' }, metrics: ['agreements.active{mode=order_class}', 'students.inOrderClasses'] },
      ],
    },
    {
      id: 'major-layout',
      title: { 'zh-CN': '专业布局与结构调整', en: 'Major layout and structure' },
      clause: '2(三)',
      sections: [
        { title: { 'zh-CN': '专业数(“十二五”末149个,目前49个)', en: 'Majors (149 at the end of the 12th Five-Year Plan, 49 now)' }, metrics: ['majors.count'] },
        { title: { 'zh-CN': '就业质量偏低的专业', en: 'Majors with low employment' }, metrics: ['majors.lowEmployment'] },
        { title: { 'zh-CN': '答辩评审轮次', en: 'Defence review rounds' }, metrics: ['majors.reviewRounds'] },
      ],
    },
  ],
});
