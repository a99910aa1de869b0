// The README's clause table, both ways: generated from a plugin (plugin:check --table) and read
// back to hold the plugin to it (a cited clause matches its row, a note in brackets aside).
import { describe, expect, it } from 'vitest';
import { byClause, clauseKey, clauseTable } from './clause-table.ts';
import { clauseSection, readClauseTable, tableCites } from './readme-table.ts';
import template from './template/plugin.ts';

describe('the generated clause table', () => {
  it("lists every clause the plugin cites, in the text's order, with what encodes it", () => {
    expect(clauseTable(template).split('\n')).toEqual([
      '| clause 条款 | text 原文 | encoded as 编码 |',
      '| --- | --- | --- |',
      '| 二 | TODO: the text as printed | target `active-agreements` (metric `agreements.active` ≥ 10 by 2026-12-31) |',
      '| 三(二)4 | TODO: the text as printed | parameter `minPostInternshipMonths` = 6 months from 2024-01-01; rule `post-internship-short`; reminder `short-placement-notice` (on finding `post-internship-short`) |',
      '| 四(一) | TODO: the text as printed | task `steering-committee` (lead 教育局, due 2024-06-30) |',
      '| 四(二) | TODO: the text as printed | reminder `yearly-review` (every year before 03-31) |',
    ]);
  });

  it('orders clauses by their printed numbers, 十 and above included', () => {
    expect(['三(三)10', '二', '三(三)9', '十二(一)', '三(十一)', '三'].sort(byClause)).toEqual(['二', '三', '三(三)9', '三(三)10', '三(十一)', '十二(一)']);
    expect(clauseKey('篇3 1、学生校外实习')).toEqual([3, 1]);
    expect(clauseKey('二十三')).toEqual([23]);
  });
});

describe('reading the clause table back', () => {
  const table = readClauseTable(['# x', '', '## Clause table / 条款对照表', '', '| clause 条款 | text | encoded |', '| --- | --- | --- |', '| 三(三)10 | … | rule |', '| 四(三) 2020年 | … | task |', '| 末段 | … | parameter |', '| 一(一), 一(二) | … | tasks |', '', '## Gaps'].join('\n'))!;

  it('finds the rows under the heading, with their line numbers', () => {
    expect(table.rows.map((r) => [r.clause, r.line])).toEqual([['三(三)10', 7], ['四(三) 2020年', 8], ['末段', 9], ['一(一), 一(二)', 10]]);
  });

  it('matches a clause exactly, as the start of a row, in a list, or without its bracketed note', () => {
    expect(['三(三)10', '四(三)', '一(二)', '末段(本措施自发布之日起实施)'].map((c) => tableCites(table, c))).toEqual([true, true, true, true]);
  });

  it('does not take a section for its sub-item or a prefix for the clause', () => {
    expect(['三(三)1', '三(三)', '四', '末'].map((c) => tableCites(table, c))).toEqual([false, false, false, false]);
  });

  it('keeps a bracket holding a section number as part of the clause', () => {
    expect([clauseSection('三(三)'), clauseSection('四（二）'), clauseSection('末段(本措施自发布之日起实施)')]).toEqual(['三(三)', '四（二）', '末段']);
  });

  it('is null without the heading', () => {
    expect(readClauseTable('# x\n\n| clause | a |\n| --- | --- |\n| 一 | b |\n')).toBeNull();
  });
});
