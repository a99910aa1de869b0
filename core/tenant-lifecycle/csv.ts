// CSV of database text values: every value quoted, NULL as an empty unquoted field, so an
// empty string and a NULL stay apart; RFC 4180 quoting, LF line ends.
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const cell = (v: string | null) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`);
  return [header.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(',')).join('\n') + '\n';
}

export function parseCsv(text: string): { header: string[]; rows: (string | null)[][] } {
  const records: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        out += text.slice(i, q);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out;
    } else {
      value = null;
    }
    row.push(value);
    if (text[i] === ',') i++;
    else if (text[i] === '\n' || i >= text.length) {
      records.push(row);
      row = [];
      i++;
    } else throw new Error(`unexpected character in CSV at ${i}`);
  }
  const [header, ...rows] = records;
  return { header: (header ?? []).map((h) => h ?? ''), rows };
}
