// The measures' checkable clauses as fixtures on fixed dates: 四(十二) at the edges of an
// agreement's validity, the document date as the first day with an answer, and the README in sync.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginTestError, testPlugin, type AgreementView, type OrganizationView } from '../../core/policy/index.ts';
import plugin from './plugin.ts';

const school = (id: string): OrganizationView => ({ id, kind: 'school', name: `学校${id}`, creditCode: null, designations: [] });
const enterprise = (id: string): OrganizationView => ({ id, kind: 'enterprise', name: `企业${id}`, creditCode: null, designations: [] });
const agreement = (id: string, schoolId: string, over: Partial<AgreementView> = {}): AgreementView => ({
  id,
  schoolId,
  enterpriseId: 'e1',
  majorId: null,
  mode: 'order_class',
  title: `协议${id}`,
  status: 'active',
  signedOn: '2024-01-01',
  validFrom: '2024-01-01',
  validUntil: '2024-12-31',
  ...over,
});

const rule = 'school-without-active-agreement';
const missing = (id: string, at: string) => ({ rule, subject: `organization:${id}` as const, messageId: 'schoolWithoutAgreement', severity: 'info' as const, params: { name: `学校${id}`, at } });

describe('四(十二) 深化校企合作办学: every school has an agreement in force', () => {
  it('passes on the first and on the last day of the agreement', () => {
    for (const at of ['2024-01-01', '2024-12-31']) {
      testPlugin(plugin, { name: `in force on ${at}`, at, data: { organizations: [school('s1'), enterprise('e1')], agreements: [agreement('a1', 's1')] }, expect: [] });
    }
  });

  it('reports the day before it starts and the day after it ends, and only for schools', () => {
    for (const at of ['2023-12-31', '2025-01-01']) {
      testPlugin(plugin, { name: `not in force on ${at}`, at, data: { organizations: [school('s1'), enterprise('e1')], agreements: [agreement('a1', 's1')] }, expect: [missing('s1', at)] });
    }
  });

  it('counts only active agreements, and an open end as open', () => {
    testPlugin(plugin, {
      name: 'statuses',
      at: '2030-06-01',
      data: {
        organizations: [school('open'), school('draft'), school('terminated'), school('none')],
        agreements: [
          agreement('a1', 'open', { validFrom: null, validUntil: null }),
          agreement('a2', 'draft', { status: 'draft', validUntil: null }),
          agreement('a3', 'terminated', { status: 'terminated', validUntil: null }),
        ],
      },
      expect: [missing('draft', '2030-06-01'), missing('terminated', '2030-06-01'), missing('none', '2030-06-01')],
    });
  });

  it('lets the bureau raise the severity', () => {
    testPlugin(plugin, {
      at: '2024-06-01',
      configs: { 'zibo-hitech-2023': { noAgreementSeverity: 'warning' } },
      data: { organizations: [school('s1')] },
      expect: [{ ...missing('s1', '2024-06-01'), severity: 'warning' }],
    });
  });

  it('explains itself with the date the measures took effect', () => {
    const result = testPlugin(plugin, { at: '2024-06-01', data: { organizations: [school('s1')] }, expect: [missing('s1', '2024-06-01')] });
    expect(result.findings[0]!.explanation.parameters).toEqual([
      { name: 'measuresInForceFrom', value: '2023-09-01', effectiveFrom: '2023-09-01', clause: '末段(本措施自发布之日起实施)', published: '2023-09-01' },
    ]);
  });
});

describe('本措施自发布之日起实施', () => {
  it('has no answer the day before 2023-09-01, and one on it', () => {
    expect(() => testPlugin(plugin, { at: '2023-08-31', data: {}, expect: [] })).toThrow(PluginTestError);
    testPlugin(plugin, { at: '2023-09-01', data: {}, expect: [] });
  });
});

describe('the measures as a whole', () => {
  it('keeps every figure of 一(三) and 二(六) as a value dated and cited to the document', () => {
    const at = (name: string) => plugin.parameters[name]!.values.map((v) => [v.value, v.clause, v.effectiveFrom, v.published]);
    expect(at('onePlusNVocationalSchools')).toEqual([[1, '一(三)', '2023-09-01', '2023-09-01']]);
    expect(at('minCareerEnlightenmentBases')).toEqual([[1, '一(三)', '2023-09-01', '2023-09-01']]);
    expect(at('careerEnlightenmentBaseLevel')).toEqual([['city', '一(三)', '2023-09-01', '2023-09-01']]);
    expect(at('careerEnlightenmentCoverage')).toEqual([[1, '一(三)', '2023-09-01', '2023-09-01']]);
    expect(at('publicTrainingBaseLevel')).toEqual([['city', '二(六)', '2023-09-01', '2023-09-01']]);
  });

  it('leads each measure with the first 责任单位 printed', () => {
    const lead = (id: string) => plugin.tasks.find((t) => t.id === id)!;
    expect(lead('integration-enterprises')).toMatchObject({ leadUnit: '发展改革局', coUnits: ['教育和体育事业中心', '科学技术发展中心', '工业信息化和商务局'] });
    expect(lead('staff-training-bases')).toMatchObject({ leadUnit: '人社中心', coUnits: ['教育和体育事业中心'] });
    expect(lead('party-leadership')).toMatchObject({ leadUnit: '教育和体育事业中心', coUnits: ['组织人事部', '宣传新闻中心', '人社中心'] });
    // Every one of the 14 measures has at least one task.
    const measures = ['一(一)', '一(二)', '一(三)', '一(四)', '二(五)', '二(六)', '三(七)', '三(八)', '三(九)', '三(十)', '四(十一)', '四(十二)', '四(十三)', '四(十四)'];
    expect(measures.filter((m) => !plugin.tasks.some((t) => t.clause === m))).toEqual([]);
  });

  it('lists every rule, parameter, target, task and reminder in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [
      ...plugin.rules.map((r) => r.id.split('/')[1]!),
      ...Object.keys(plugin.parameters),
      ...plugin.targets.map((t) => t.id),
      ...plugin.tasks.map((t) => t.id),
      ...plugin.reminders.map((r) => r.id),
    ];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
