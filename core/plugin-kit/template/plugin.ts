// The scaffold template (npm run plugin:new <id> copies it): one of each kind a policy text turns
// into, on a made-up clause, so a new plugin starts from code that passes plugin:check and its test.
import { z } from 'zod';
import { definePolicyPlugin, monthsIn, SDK_VERSION, type RuleFinding } from '../../policy/index.ts';

/** The date the text was published; every value below cites it. */
const PUBLISHED = '2024-01-01';

export default definePolicyPlugin({
  id: 'template',
  version: '0.1.0',
  sdk: `^${SDK_VERSION}`,
  title: { 'zh-CN': '示例实施方案(改为政策文件标题)', en: 'Example plan (replace with the policy text’s title)' },
  source: {
    title: '示例实施方案',
    issuer: '示例县教育局',
    date: PUBLISHED,
    // The 文号 as printed, e.g. 淄高新管字〔2023〕100号; null when the text carries none.
    referenceNumber: null,
    // The file under shared/policy-texts this plugin encodes.
    seedFile: 'example.txt',
  },
  // What a bureau may tune in its tenant manifest; every field needs a default.
  config: z.object({ severity: z.enum(['warning', 'violation']).default('warning') }),
  parameters: {
    // Keyed by the date each value takes effect, oldest first; a later amendment adds a dated entry.
    minPostInternshipMonths: {
      unit: 'months',
      values: { [PUBLISHED]: { value: 6, clause: '三(二)4', published: PUBLISHED } },
    },
  },
  // The data-view collections the rules read: the engine loads only these.
  reads: ['internships'],
  messages: {
    postInternshipShort: {
      'zh-CN': '顶岗实习({startOn}至{endOn})为{months}个月{days}天,少于{required}个月',
      en: 'The placement ({startOn} to {endOn}) lasts {months} months {days} days, less than {required} months',
    },
  },
  rules: [
    {
      id: 'post-internship-short',
      title: { 'zh-CN': '顶岗实习不少于6个月', en: 'Placements last at least 6 months' },
      clause: '三(二)4',
      check(view, ctx) {
        const required = ctx.param('minPostInternshipMonths');
        return view.internships
          .filter((i) => i.kind === 'post' && i.status !== 'terminated')
          .flatMap((i) => {
            const length = monthsIn(i.startOn, i.endOn);
            if (length.months >= required) return [];
            return [{
              subject: { type: 'internship', id: i.id },
              severity: ctx.config.severity,
              messageId: 'postInternshipShort',
              params: { startOn: i.startOn, endOn: i.endOn, months: length.months, days: length.days, required },
              // What the rule read, for the finding's "why?".
              facts: { startOn: i.startOn, endOn: i.endOn, months: length.months, days: length.days },
            } satisfies RuleFinding<'postInternshipShort'>];
          });
      },
    },
  ],
  targets: [
    { id: 'active-agreements', title: { 'zh-CN': '到2026年有效校企合作协议不少于10份', en: '≥ 10 active cooperation agreements by 2026' }, metric: 'agreements.active', goal: 10, deadline: '2026-12-31', clause: '二' },
  ],
  tasks: [
    // The lead unit is the first 责任单位 the text lists; the others are co-units.
    { id: 'steering-committee', title: { 'zh-CN': '成立校企合作指导委员会', en: 'Form the cooperation steering committee' }, clause: '四(一)', leadUnit: '教育局', coUnits: ['人社局'], due: '2024-06-30' },
  ],
  reminders: [
    { id: 'yearly-review', title: { 'zh-CN': '每年3月31日前报送年度总结', en: 'Send the yearly review before 31 March' }, clause: '四(二)', when: { every: 'year', before: '03-31' }, recipients: ['bureau_admin'] },
    { id: 'short-placement-notice', title: { 'zh-CN': '顶岗实习时长不足提醒', en: 'Placement too short' }, clause: '三(二)4', when: { onFinding: 'post-internship-short' }, recipients: ['school_admin'] },
  ],
});
