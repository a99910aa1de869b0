// Reads a plugin README's clause table (the review contract: every quantitative or checkable
// clause → what encodes it), so plugin:check can hold the plugin and its README to each other.

export interface ClauseRow {
  /** The first cell, e.g. `三(三)10`. */
  clause: string;
  /** The whole row, where the encoding ids are named. */
  text: string;
  line: number;
}

export interface ClauseTable {
  headingLine: number;
  rows: ClauseRow[];
}

/** A heading naming the clause table, in either language. */
const HEADING = /^#{1,6}\s.*(clause table|条款对照表)/i;

/** The first Markdown table under the clause-table heading, or null when there is none. */
export function readClauseTable(markdown: string): ClauseTable | null {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => HEADING.test(l));
  if (start === -1) return null;
  const rows: ClauseRow[] = [];
  let i = start + 1;
  while (i < lines.length && !lines[i]!.trimStart().startsWith('|')) {
    if (/^#{1,6}\s/.test(lines[i]!)) return { headingLine: start + 1, rows };
    i++;
  }
  // Header row, then the |---| separator, then data rows until the table ends.
  const header = i;
  if (!/^\s*\|?\s*:?-{3,}/.test(lines[header + 1] ?? '')) return { headingLine: start + 1, rows };
  for (i = header + 2; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) {
    const cells = lines[i]!.trim().replace(/^\|/, '').split('|');
    rows.push({ clause: cells[0]!.trim(), text: lines[i]!, line: i + 1 });
  }
  return { headingLine: start + 1, rows };
}

/**
 * A cited clause may carry a note in brackets (`末段(本措施自发布之日起实施)`): the table lists the
 * section (`末段`). A bracket holding a section number (`三(三)`) is part of the clause.
 */
export function clauseSection(clause: string): string {
  const m = /^(.+?)[(（]([^()（）]*)[)）]$/.exec(clause.trim());
  if (m && !/^[一二三四五六七八九十百零〇\d]+$/.test(m[2]!)) return m[1]!.trim();
  return clause.trim();
}

/**
 * Whether the table has a row for `clause`: the first cell is the clause, or starts with it and a
 * space (`四(三) 2020年` is a row of `四(三)`), or lists it among others (`三(一)2, 三(一)3`).
 */
export function tableCites(table: ClauseTable, clause: string): boolean {
  const wanted = [clause.trim(), clauseSection(clause)];
  return table.rows.some((r) => {
    const cells = [r.clause, ...r.clause.split(/\s*[,;，；、]\s*/)];
    return cells.some((cell) => wanted.some((w) => cell === w || cell.startsWith(`${w} `)));
  });
}
