// The template's fixtures: each edge of each rule through testPlugin, on a fixed date.
import { describe, expect, it } from 'vitest';
import { testPlugin, type InternshipView } from '../../policy/index.ts';
import plugin from './plugin.ts';

/** A placement with only what the rule reads; the dates are the edge under test. */
const placement = (id: string, startOn: string, endOn: string): InternshipView => ({
  id,
  studentId: `student-${id}`,
  schoolId: 'school-1',
  enterpriseId: 'enterprise-1',
  agreementId: null,
  kind: 'post',
  status: 'completed',
  startOn,
  endOn,
  insurance: { policyNumber: null, start: null, end: null, liability: true, accident: true },
  evaluations: { school: null, enterprise: null },
});

describe('post-internship-short (三(二)4)', () => {
  it('passes a placement of exactly 6 calendar months', () => {
    testPlugin(plugin, { name: 'exactly 6 months', at: '2024-12-31', data: { internships: [placement('i1', '2024-03-01', '2024-08-31')] }, expect: [] });
  });

  it('reports a placement one day short of 6 months, and explains the value it used', () => {
    const { findings } = testPlugin(plugin, {
      name: '5 months 30 days',
      at: '2024-12-31',
      data: { internships: [placement('i1', '2024-03-01', '2024-08-30')] },
      expect: [
        {
          rule: 'post-internship-short',
          subject: 'internship:i1',
          messageId: 'postInternshipShort',
          params: { startOn: '2024-03-01', endOn: '2024-08-30', months: 5, days: 30, required: 6 },
          severity: 'warning',
        },
      ],
    });
    expect(findings[0]?.explanation.parameters).toEqual([{ name: 'minPostInternshipMonths', value: 6, effectiveFrom: '2024-01-01', clause: '三(二)4', published: '2024-01-01' }]);
  });

  it('reports a violation when the tenant configures it so', () => {
    testPlugin(plugin, {
      name: 'configured severity',
      at: '2024-12-31',
      data: { internships: [placement('i1', '2024-03-01', '2024-08-30')] },
      configs: { [plugin.id]: { severity: 'violation' } },
      expect: [{ rule: 'post-internship-short', subject: 'internship:i1', messageId: 'postInternshipShort', severity: 'violation' }],
    });
  });
});
