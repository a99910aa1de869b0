// 篇2's funding clause at its edges (exactly 1:2:7 passes, one 分 off fails; the refund and its cap),
// the document date as the first day with an answer, the duties as tasks, and the README in sync.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterNotInForceError, testPlugin, type FundingRecordView } from '../../core/policy/index.ts';
import plugin, { checkCoInvestment, refundDue } from './plugin.ts';

const at = '2024-06-01';
const FUNDING = '篇2 (二)加大经费支持';

describe('篇2 (二) 高校院所、政府、企业1:2:7联合投入机制', () => {
  it('passes contributions exactly in the ratio', () => {
    const r = checkCoInvestment({ institutes: 100_000, government: 200_000, enterprise: 700_000 }, at);
    expect(r).toMatchObject({ matches: true, shortfall: { institutes: 0, government: 0, enterprise: 0 } });
  });

  it('fails an enterprise share one 分 short, and says what is missing', () => {
    const r = checkCoInvestment({ institutes: 100_000, government: 200_000, enterprise: 699_999 }, at);
    expect(r).toMatchObject({ matches: false, shortfall: { institutes: 0, government: 0, enterprise: 1 } });
  });

  it('fails a government share one 分 over, bringing all three to the next whole part', () => {
    const r = checkCoInvestment({ institutes: 100_000, government: 200_001, enterprise: 700_000 }, at);
    expect(r).toMatchObject({ matches: false, shortfall: { institutes: 1, government: 1, enterprise: 7 } });
  });

  it('explains itself with the ratio, its clause and its date', () => {
    expect(checkCoInvestment({ institutes: 1, government: 2, enterprise: 7 }, at).ratio).toEqual({
      name: 'coInvestmentRatio', value: { institutes: 1, government: 2, enterprise: 7 }, effectiveFrom: '2024-04-10', clause: FUNDING, published: '2024-04-10',
    });
  });

  it('refuses amounts that are not whole 分', () => {
    expect(() => checkCoInvestment({ institutes: 1.5, government: 3, enterprise: 10.5 }, at)).toThrow(RangeError);
  });

  it('has no answer before the document date', () => {
    expect(() => checkCoInvestment({ institutes: 1, government: 2, enterprise: 7 }, '2024-04-09')).toThrow(ParameterNotInForceError);
    expect(checkCoInvestment({ institutes: 1, government: 2, enterprise: 7 }, '2024-04-10').matches).toBe(true);
  });
});

/** A year's co-investment of one project, amounts in 元 as the database gives them. */
const funding = (id: string, amounts: [string, string, string], extra: Partial<FundingRecordView> = {}): FundingRecordView => ({
  id,
  project: `项目${id}`,
  year: 2024,
  schoolId: null,
  enterpriseId: null,
  instituteAmount: amounts[0],
  governmentAmount: amounts[1],
  enterpriseAmount: amounts[2],
  investmentAmount: '0.00',
  ...extra,
});
const offRatio = (id: string) => ({ rule: 'co-investment-ratio', subject: `funding-record:${id}` as const, messageId: 'coInvestmentOffRatio' });

describe('篇2 (二) 1:2:7 over the funding records', () => {
  it('passes a record exactly in the ratio, amounts with and without cents', () => {
    testPlugin(plugin, { at, data: { fundingRecords: [funding('f1', ['1000.00', '2000.00', '7000.00']), funding('f2', ['0.1', '0.2', '0.7'])] }, expect: [] });
  });

  it('flags an enterprise share one 分 short, naming what each party must add', () => {
    testPlugin(plugin, {
      at,
      data: { fundingRecords: [funding('f1', ['1000.00', '2000.00', '6999.99'])] },
      expect: [
        {
          ...offRatio('f1'),
          severity: 'warning',
          params: {
            project: '项目f1', year: 2024, ratio: '1:2:7',
            institutes: '1000.00', government: '2000.00', enterprise: '6999.99',
            addInstitutes: '0.00', addGovernment: '0.00', addEnterprise: '0.01',
          },
        },
      ],
    });
  });

  it('flags a record the institutes left out, and explains it with the ratio in force', () => {
    const result = testPlugin(plugin, { at, data: { fundingRecords: [funding('f1', ['0', '2000.00', '7000.00'])] }, expect: [offRatio('f1')] });
    expect(result.findings[0]!.clause).toBe(FUNDING);
    expect(result.findings[0]!.explanation.parameters.map((p) => [p.name, p.effectiveFrom])).toEqual([['coInvestmentRatio', '2024-04-10']]);
  });

  it('leaves enterprise-only money and funding of years before the mechanism alone', () => {
    testPlugin(plugin, {
      at,
      data: {
        fundingRecords: [
          funding('own', ['0', '0', '5000.00'], { investmentAmount: '5000.00' }),
          funding('old', ['1000.00', '1000.00', '1000.00'], { year: 2023 }),
        ],
      },
      expect: [],
    });
  });
});

describe('篇2 (二) 企业非科技研发支出的费用,一律返还政府投入资金', () => {
  it('returns all of the non-R&D spending', () => {
    expect(refundDue({ governmentInput: 200_000, nonRdSpending: 12_345 }, at)).toMatchObject({ refund: 12_345, share: { value: 1, clause: FUNDING } });
  });

  it('returns nothing when everything went to R&D', () => {
    expect(refundDue({ governmentInput: 200_000, nonRdSpending: 0 }, at).refund).toBe(0);
  });

  it('returns at most what the government put in: exactly at it, and above it', () => {
    expect(refundDue({ governmentInput: 200_000, nonRdSpending: 200_000 }, at).refund).toBe(200_000);
    expect(refundDue({ governmentInput: 200_000, nonRdSpending: 200_001 }, at).refund).toBe(200_000);
  });
});

describe('the consortium plan as a whole', () => {
  it('reads only the funding records and runs clean on an empty view from the document date', () => {
    expect(plugin.reads).toEqual(['fundingRecords']);
    testPlugin(plugin, { at: '2024-04-10', data: {}, expect: [] });
  });

  it('audits once a year and dates every value to the document', () => {
    expect(plugin.parameters.rdAuditsPerYear!.values.map((v) => [v.value, v.clause, v.effectiveFrom, v.published])).toEqual([[1, FUNDING, '2024-04-10', '2024-04-10']]);
    expect(plugin.reminders.find((r) => r.id === 'annual-rd-audit')).toMatchObject({ clause: FUNDING, when: { timesPerYear: 1 } });
    for (const p of Object.values(plugin.parameters)) for (const v of p.values) expect(v.published).toBe('2024-04-10');
  });

  it('gives the consortium’s set-up to 区科技局 and the platforms to the institutes', () => {
    expect(plugin.tasks.find((t) => t.id === 'set-up-consortium')).toMatchObject({ leadUnit: '区科技局', clause: '篇2 (四)工作职责' });
    expect(plugin.tasks.find((t) => t.id === 'joint-meeting-system')).toMatchObject({ leadUnit: '区科技局', coUnits: ['财政部门', '人社部门', '部分街道'] });
    expect(plugin.tasks.find((t) => t.id === 'innovation-platforms')).toMatchObject({ leadUnit: '高校、科研院所' });
  });

  it('lists every parameter, task and reminder in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [...Object.keys(plugin.parameters), ...plugin.tasks.map((t) => t.id), ...plugin.reminders.map((r) => r.id), 'checkCoInvestment', 'refundDue'];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
