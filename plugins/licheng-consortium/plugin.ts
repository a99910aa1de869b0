// 历城区 校企政科技研发联合体 (最新校企合作工作实施方案 篇2, compiled 2024-04-10) as a policy plugin: the
// 1:2:7 co-investment as a rule over the tenant's funding records and a calculator, the refund of non-R&D
// spending as a calculator (no spending records exist), the annual audit and joint meetings as reminders, duties as tasks.
import {
  defineCalculator,
  definePolicyPlugin,
  parameterAt,
  SDK_VERSION,
  z,
  type FundingRecordView,
  type IsoDate,
  type ParameterReading,
  type RuleFinding,
} from '../../core/policy/index.ts';

/** An amount in 分: whole and non-negative, so ratios compare exactly. */
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** 篇2 prints no date of its own: the compiled document's date stands for it. */
const PUBLISHED = '2024-04-10';
const cite = <T>(value: T, clause: string, note?: string) => ({ [PUBLISHED]: { value, clause, published: PUBLISHED, ...(note ? { note } : {}) } });

/** Section headings as printed; 篇2 numbers two groups (一)…(四) and (一)…(三), so the heading disambiguates. */
const FUNDING = '篇2 (二)加大经费支持';
const DUTIES = '篇2 (四)工作职责';
const LEADERSHIP = '篇2 (一)加强组织领导';

/** The text sets no dates; one year from the document is this plugin's reading (see README). */
const DUE = '2025-04-10';

const TECH = '区科技局';
const INSTITUTES = '高校、科研院所';

export interface CoInvestmentShares {
  institutes: number;
  government: number;
  enterprise: number;
}

const parties = ['institutes', 'government', 'enterprise'] as const;

/** The first year the ratio applies to: funding of earlier years was agreed before the mechanism existed. */
const FIRST_YEAR = Number(PUBLISHED.slice(0, 4));

/** A decimal amount in 元 as stored (numeric(14, 2), e.g. "1234.5") in whole 分, without a float in between. */
function toFen(amount: string): number {
  const [whole = '0', cents = ''] = amount.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0').slice(0, 2));
}

/** 元 with two decimals, for messages: 分 are whole, so this is exact. */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * A record of the consortium's co-investment is one where institutes or the government put money in;
 * a record of enterprise money alone (e.g. an enterprise's own investment) is not a 1:2:7 contribution.
 */
const isCoInvestment = (f: FundingRecordView) => toFen(f.instituteAmount) > 0 || toFen(f.governmentAmount) > 0;

const plugin = definePolicyPlugin({
  id: 'licheng-consortium',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '历城区校企政科技研发联合体实施方案', en: 'Licheng District: school–enterprise–government joint R&D consortium' },
  source: {
    title: '最新校企合作工作实施方案 篇2 (校企政科技研发联合体)',
    issuer: '济南市历城区 (篇2 prints no issuing body; compiled by 爱可网)',
    date: PUBLISHED,
    referenceNumber: null,
    seedFile: '002_c48000184ae4df2e.txt',
  },
  parameters: {
    coInvestmentRatio: {
      unit: 'parts',
      description: { 'zh-CN': '高校院所、政府、企业1:2:7联合投入', en: 'Institutes : government : enterprise co-investment, 1:2:7' },
      values: cite<CoInvestmentShares>({ institutes: 1, government: 2, enterprise: 7 }, FUNDING),
    },
    rdAuditsPerYear: { unit: 'audits/year', values: cite(1, FUNDING, '对联合体的研发经费进行年度审计, by a third-party auditor') },
    nonRdRefundShare: { unit: 'ratio', values: cite(1, FUNDING, '企业非科技研发支出的费用,一律返还政府投入资金: 一律 = all of it') },
  },
  reads: ['fundingRecords'],
  messages: {
    coInvestmentOffRatio: {
      'zh-CN': '{project}({year}年)联合投入为高校院所{institutes}元、政府{government}元、企业{enterprise}元,不符合{ratio}联合投入机制;按比例需补足高校院所{addInstitutes}元、政府{addGovernment}元、企业{addEnterprise}元',
      en: '{project} ({year}): institutes {institutes}, government {government}, enterprise {enterprise} yuan is not the {ratio} co-investment; to reach it, add institutes {addInstitutes}, government {addGovernment}, enterprise {addEnterprise} yuan',
    },
  },
  rules: [
    {
      id: 'co-investment-ratio',
      title: { 'zh-CN': '高校院所、政府、企业按1:2:7联合投入', en: 'Institutes, government and enterprise co-invest 1:2:7' },
      clause: FUNDING,
      check(view, ctx) {
        const ratio = ctx.param('coInvestmentRatio');
        const findings: RuleFinding<'coInvestmentOffRatio'>[] = [];
        for (const f of view.fundingRecords) {
          if (f.year < FIRST_YEAR || !isCoInvestment(f)) continue;
          const given = { institutes: toFen(f.instituteAmount), government: toFen(f.governmentAmount), enterprise: toFen(f.enterpriseAmount) };
          const { matches, shortfall } = compareToRatio(given, ratio);
          if (matches) continue;
          findings.push({
            subject: { type: 'funding-record', id: f.id },
            severity: 'warning',
            messageId: 'coInvestmentOffRatio',
            params: {
              project: f.project,
              year: f.year,
              ratio: `${ratio.institutes}:${ratio.government}:${ratio.enterprise}`,
              institutes: yuan(given.institutes),
              government: yuan(given.government),
              enterprise: yuan(given.enterprise),
              addInstitutes: yuan(shortfall.institutes),
              addGovernment: yuan(shortfall.government),
              addEnterprise: yuan(shortfall.enterprise),
            },
            facts: { year: f.year, institutesFen: given.institutes, governmentFen: given.government, enterpriseFen: given.enterprise, schoolId: f.schoolId, enterpriseId: f.enterpriseId },
          });
        }
        return findings;
      },
    },
  ],
  tasks: [
    task('set-up-consortium', '牵头联合体筹建,成立专门的工作办公室,服务管理获批联合体', 'Lead the consortium’s set-up and open its office', DUTIES, [TECH]),
    task('joint-meeting-system', '建立科技、财政、人社等部门及部分街道组成的联合体联席会议制度', 'Set up the joint-meeting system (science, finance, HR, sub-districts)', LEADERSHIP, [TECH, '财政部门', '人社部门', '部分街道']),
    task('co-investment-mechanism', '建立高校院所、政府、企业1:2:7联合投入机制', 'Set up the 1:2:7 co-investment mechanism', FUNDING, [TECH, '财政部门']),
    task('third-party-auditor', '聘请专业的第三方审计单位,对研发经费进行年度审计', 'Engage a third-party auditor for the yearly R&D-funds audit', FUNDING, [TECH, '财政部门']),
    task('innovation-platforms', '共建研发中心、技术中心、重点实验室、新型研发机构等创新平台', 'Build R&D centres, labs and new R&D institutions together', '篇2 (一)平台载体建设', [INSTITUTES, '企业', TECH]),
    task('pilot-bases', '成立项目合作组,联合建立小型中试基地', 'Form project groups and build small pilot-production bases', '篇2 (二)产业技术转化', [INSTITUTES, '企业']),
    task('talent-flow', '建立人才柔性流动机制,支持教师到企业兼职工程师', 'Flexible talent flow: teachers as part-time engineers in enterprises', '篇2 (三)人才梯队培养', [INSTITUTES, '企业']),
    task('institutes-resources', '为联合体配置优势科研资源,针对企业需求确定研发方向、组建研发团队', 'Institutes assign research resources and teams to enterprise needs', DUTIES, [INSTITUTES]),
    task('enterprise-support', '为进驻科技人员提供研发经费、工作场所、科研设备和生活便利', 'Enterprises fund and host the researchers', DUTIES, ['企业']),
    task('promote-experience', '提炼总结联合体经验做法,在全区推广应用', 'Sum up and spread the consortium’s practice district-wide', '篇2 (三)做好示范引导', [TECH]),
  ],
  reminders: [
    {
      id: 'annual-rd-audit',
      title: { 'zh-CN': '联合体研发经费年度审计(第三方)', en: 'Yearly third-party audit of the consortium’s R&D funds' },
      clause: FUNDING,
      // "年度审计" gives the frequency but no day; the reminder comes once a year.
      when: { timesPerYear: 1 },
      recipients: ['bureau_admin'],
    },
    {
      id: 'joint-meeting',
      title: { 'zh-CN': '联合体联席会议研究阶段性工作', en: 'Consortium joint meeting on the current stage' },
      clause: LEADERSHIP,
      // "定期召开会议" names no frequency; twice a year is this plugin's reading.
      when: { timesPerYear: 2 },
      recipients: ['bureau_admin', 'department_officer'],
    },
  ],
  calculators: [
    defineCalculator({
      id: 'co-investment',
      title: { 'zh-CN': '1:2:7 共同投入核算', en: '1:2:7 co-investment check' },
      clause: FUNDING,
      input: z.object({ institutes: fen, government: fen, enterprise: fen }),
      compute: (input, at) => ({ ...checkCoInvestment(input, at) }),
    }),
    defineCalculator({
      id: 'non-rd-refund',
      title: { 'zh-CN': '非科技研发支出返还政府投入', en: 'Refund of government input for non-R&D spending' },
      clause: FUNDING,
      input: z.object({ governmentInput: fen, nonRdSpending: fen }),
      compute: (input, at) => ({ ...refundDue(input, at) }),
    }),
  ],
});
export default plugin;

/** 责任单位 as the text names them: the first listed leads. */
function task(id: string, zh: string, en: string, clause: string, units: [string, ...string[]]) {
  const [leadUnit, ...coUnits] = units;
  return { id, title: { 'zh-CN': zh, en }, clause, leadUnit, coUnits, due: DUE };
}

export interface CoInvestmentCheck {
  /** True when the three contributions stand exactly in the ratio in force. */
  matches: boolean;
  /** What each party must add (in the unit given, e.g. 分) to bring all three up to the ratio. */
  shortfall: CoInvestmentShares;
  ratio: ParameterReading<CoInvestmentShares>;
}

/**
 * The 1:2:7 check of `篇2 (二)加大经费支持` for figures entered by hand (the rule reads the funding records).
 * Amounts are integers (分), so the ratio is compared exactly by cross-multiplication, never by rounding shares.
 */
export function checkCoInvestment(contributions: CoInvestmentShares, at: IsoDate): CoInvestmentCheck {
  const ratio = parameterAt(plugin.parameters.coInvestmentRatio!, at) as ParameterReading<CoInvestmentShares>;
  for (const p of parties) {
    if (!Number.isSafeInteger(contributions[p]) || contributions[p] < 0) throw new RangeError(`${p}: ${contributions[p]} is not a whole, non-negative amount (use 分)`);
  }
  return { ...compareToRatio(contributions, ratio.value), ratio };
}

function compareToRatio(given: CoInvestmentShares, r: CoInvestmentShares): Pick<CoInvestmentCheck, 'matches' | 'shortfall'> {
  const matches = parties.every((p) => parties.every((q) => given[p] * r[q] === given[q] * r[p]));
  // The smallest scale at which nobody has to give back: the largest contribution per part, rounded up.
  const scale = Math.max(...parties.map((p) => Math.ceil(given[p] / r[p])));
  const need = (p: (typeof parties)[number]) => (matches ? 0 : scale * r[p] - given[p]);
  return { matches, shortfall: { institutes: need('institutes'), government: need('government'), enterprise: need('enterprise') } };
}

/**
 * "企业非科技研发支出的费用,一律返还政府投入资金": the audited non-R&D spending times the refund share,
 * never more than the government put in (what is returned is the government's money).
 */
export function refundDue(input: { governmentInput: number; nonRdSpending: number }, at: IsoDate): { refund: number; share: ParameterReading<number> } {
  const share = parameterAt(plugin.parameters.nonRdRefundShare!, at) as ParameterReading<number>;
  for (const [k, v] of Object.entries(input)) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k}: ${v} is not a whole, non-negative amount (use 分)`);
  }
  return { refund: Math.min(Math.ceil(input.nonRdSpending * share.value), input.governmentInput), share };
}
