// 篇1's checkable mode clauses as fixtures at their edges, run through the SDK's harness on a fixed date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PluginTestError, testPlugin, type AgreementView, type InternshipView } from '../../core/policy/index.ts';
import plugin from './plugin.ts';

const agreement = (id: string, mode: AgreementView['mode'], enterpriseId = 'e1'): AgreementView => ({
  id, schoolId: 's1', enterpriseId, majorId: null, mode, title: `协议${id}`, status: 'active', signedOn: '2024-06-01', validFrom: '2024-06-01', validUntil: null,
});
const agreements = [agreement('post', 'post_internship'), agreement('alt', 'work_study_alternation'), agreement('order', 'order_class'), agreement('other', 'course_co_development')];

const internship = (id: string, agreementId: string | null, startOn: string, endOn: string, over: Partial<InternshipView> = {}): InternshipView => ({
  id,
  studentId: `st-${id}`,
  schoolId: 's1',
  enterpriseId: 'e1',
  agreementId,
  kind: 'post',
  status: 'completed',
  startOn,
  endOn,
  insurance: { policyNumber: null, start: null, end: null, liability: true, accident: true },
  evaluations: { school: null, enterprise: null },
  ...over,
});

const at = '2026-06-30';

describe('篇1 (三)顶岗实习模式: “2+1”, 为期一年的顶岗实习', () => {
  const rule = 'two-plus-one-internship-year';

  it('passes exactly 12 months, warns one day less and one day more', () => {
    testPlugin(plugin, {
      at,
      data: {
        agreements,
        internships: [
          internship('year', 'post', '2024-09-01', '2025-08-31'),
          internship('short', 'post', '2024-09-01', '2025-08-30'),
          internship('long', 'post', '2024-09-01', '2025-09-01'),
        ],
      },
      expect: [
        { rule, subject: 'internship:short', messageId: 'postInternshipNotAYear', severity: 'warning', params: { startOn: '2024-09-01', endOn: '2025-08-30', months: 11, days: 30, required: 12 } },
        { rule, subject: 'internship:long', messageId: 'postInternshipNotAYear', params: { startOn: '2024-09-01', endOn: '2025-09-01', months: 12, days: 1, required: 12 } },
      ],
    });
  });

  it('checks only 顶岗 internships under a 顶岗实习 agreement that were not cut short', () => {
    testPlugin(plugin, {
      at,
      data: {
        agreements,
        internships: [
          internship('other-mode', 'other', '2025-03-01', '2025-05-31'),
          internship('no-agreement', null, '2025-03-01', '2025-05-31'),
          internship('cognitive', 'post', '2025-03-01', '2025-03-10', { kind: 'cognitive' }),
          internship('cut', 'post', '2025-03-01', '2025-05-31', { status: 'terminated' }),
        ],
      },
      expect: [],
    });
  });
});

describe('篇1 (二)工学交替模式: 每月或每学期实施轮换', () => {
  const rule = 'work-study-rotation';

  it('passes a stint of exactly 6 months (one semester at most) and warns 6 months 1 day', () => {
    testPlugin(plugin, {
      at,
      data: {
        agreements,
        internships: [
          internship('month', 'alt', '2025-03-01', '2025-03-31', { kind: 'shadow' }),
          internship('semester', 'alt', '2025-03-01', '2025-08-31', { kind: 'shadow' }),
          internship('over', 'alt', '2025-03-01', '2025-09-01', { kind: 'shadow' }),
          internship('not-alternation', 'other', '2025-03-01', '2026-03-01'),
        ],
      },
      expect: [{ rule, subject: 'internship:over', messageId: 'rotationTooLong', severity: 'warning', params: { startOn: '2025-03-01', endOn: '2025-09-01', months: 6, days: 1, max: 6 } }],
    });
  });
});

describe('篇1 (一)订单培养模式: 学生生产实习、顶岗实习在企业完成', () => {
  it('warns an order-class internship at another enterprise, not one at the partner', () => {
    testPlugin(plugin, {
      at,
      data: {
        agreements,
        internships: [
          internship('partner', 'order', '2025-03-01', '2025-06-30'),
          internship('elsewhere', 'order', '2025-03-01', '2025-06-30', { enterpriseId: 'e2' }),
          internship('cut', 'order', '2025-03-01', '2025-04-30', { enterpriseId: 'e2', status: 'terminated' }),
        ],
      },
      expect: [{ rule: 'order-internship-at-partner', subject: 'internship:elsewhere', messageId: 'orderInternshipElsewhere', severity: 'warning', params: { agreement: '协议order' } }],
    });
  });
});

describe('the plan as a whole', () => {
  it('has no answer before the document date', () => {
    expect(() => testPlugin(plugin, { at: '2024-04-09', data: {}, expect: [] })).toThrow(PluginTestError);
    testPlugin(plugin, { at: '2024-04-10', data: {}, expect: [] });
  });

  it('dates every value to the document and cites a 篇1 clause', () => {
    for (const p of Object.values(plugin.parameters)) {
      for (const v of p.values) expect([v.effectiveFrom, v.published, v.clause.startsWith('篇1 ')]).toEqual(['2024-04-10', '2024-04-10', true]);
    }
  });

  it('puts the committee first with the county government as lead, and every step due at the printed end of the rollout', () => {
    expect(plugin.tasks[0]).toMatchObject({ id: 'set-up-steering-committee', leadUnit: '县政府' });
    expect(new Set(plugin.tasks.map((t) => t.due))).toEqual(new Set(['2015-07-31']));
  });

  it('lists every rule, parameter, task and reminder in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [...plugin.rules.map((r) => r.id.split('/')[1]!), ...Object.keys(plugin.parameters), ...plugin.tasks.map((t) => t.id), ...plugin.reminders.map((r) => r.id)];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
