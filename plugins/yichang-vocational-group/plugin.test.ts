// The report's checkable parts: every figure dated and cited, the yearly cycle as reminders, the
// figures the bureau reports as report sections, and the README naming every id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testPlugin } from '../../core/policy/index.ts';
import plugin from './plugin.ts';

const value = (name: string) => plugin.parameters[name]?.values.at(-1)?.value;

describe('the figures the bureau reports', () => {
  it('keeps each 2019 matching figure as a parameter cited to 2(二)', () => {
    const figures = { forums2019: 10, forumCommittees2019: 9, forumDepartments2019: 9, forumEnterprises2019: 118, intentAgreements2019: 131, enterpriseVisits2019: 1077, teacherTrainings2019: 1554, orderClasses2019: 108, orderClassStudents2019: 7053 };
    for (const [name, v] of Object.entries(figures)) {
      expect([name, value(name), plugin.parameters[name]?.values[0]?.clause]).toEqual([name, v, '2(二)']);
    }
  });

  it('reports each of them in a section of the yearly matching report', () => {
    const report = plugin.reports.find((r) => r.id === 'school-enterprise-matching')!;
    const titles = report.sections.map((s) => s.title['zh-CN']).join();
    for (const n of ['10场', '118家', '131份', '1077家', '1554人次', '108个', '7053人']) expect(titles).toContain(n);
    expect(report.sections.every((s) => s.metrics.length > 0)).toBe(true);
  });

  it('keeps the structure and the layout review as figures: 11 committees, 149 → 49 majors, 3 questions', () => {
    expect([value('industryCommittees'), value('boardMeetingsPerYear'), value('majorsBefore'), value('majorsNow'), value('defenceQuestions')]).toEqual([11, 1, 149, 49, 3]);
    expect(plugin.targets.map((t) => [t.id, t.goal, t.comparison])).toEqual([['industry-committees', 11, 'at-least'], ['major-count', 49, 'at-most']]);
  });

  it('dates every value to the report and cites a clause', () => {
    for (const p of Object.values(plugin.parameters)) {
      for (const v of p.values) expect([v.effectiveFrom, v.published, v.clause.length > 0]).toEqual(['2024-12-14', '2024-12-14', true]);
    }
  });
});

describe('the yearly cycle', () => {
  it('reminds of the board meeting once a year, the joint file before 03-31 and the matching series once a year', () => {
    expect(Object.fromEntries(plugin.reminders.map((r) => [r.id, r.when]))).toEqual({
      'board-meeting': { timesPerYear: 1 },
      'spring-matching-notice': { every: 'year', before: '03-31' },
      'matching-series': { timesPerYear: 1 },
    });
  });

  it('puts the bureau first wherever the report has it lead', () => {
    expect(plugin.tasks.filter((t) => t.leadUnit === '市教育局').map((t) => t.id)).toEqual(['industry-committee-chairs', 'group-secretariat', 'major-layout-review', 'major-layout-training']);
  });
});

describe('the report as a plugin', () => {
  it('has no rule a record could breach, so an evaluation finds nothing and raises no plugin error', () => {
    testPlugin(plugin, { at: '2024-12-14', data: {}, expect: [] });
    expect(plugin.rules).toEqual([]);
  });

  it('lists every parameter, target, task, reminder and report in its README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const ids = [...Object.keys(plugin.parameters), ...plugin.targets.map((t) => t.id), ...plugin.tasks.map((t) => t.id), ...plugin.reminders.map((r) => r.id), ...plugin.reports.map((r) => r.id)];
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
