// The clause table a plugin's README should hold, generated from the plugin itself (clause →
// what encodes it), so an integrator starts the review contract from the code and adds the text.
import type { PolicyPlugin } from '../policy/index.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23: enough for section numbers. */
function chineseNumber(run: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of run) {
    if (ch === '百' || ch === '十') {
      total += (digit || 1) * (ch === '百' ? 100 : 10);
      digit = 0;
    } else digit = DIGITS[ch] ?? 0;
  }
  return total + digit;
}

/** `三(三)10` → [3, 3, 10], so clauses sort in the order the text prints them. */
export function clauseKey(clause: string): number[] {
  return [...clause.matchAll(/[零〇一二三四五六七八九十百]+|\d+/g)].map((m) => (/\d/.test(m[0]) ? Number(m[0]) : chineseNumber(m[0])));
}

export function byClause(a: string, b: string): number {
  const ka = clauseKey(a);
  const kb = clauseKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return ka.length - kb.length || a.localeCompare(b);
}

/** One row per clause, in the text's order; the 原文 column is left for the integrator. */
export function clauseTable(plugin: PolicyPlugin): string {
  const rows = new Map<string, string[]>();
  const add = (clause: string | undefined, what: string) => {
    if (!clause) return;
    rows.set(clause, [...(rows.get(clause) ?? []), what]);
  };
  const base = plugin.baseline;
  const own = <T>(list: readonly T[], inherited: readonly T[] | undefined) => list.slice(inherited?.length ?? 0);
  for (const [name, p] of Object.entries(plugin.parameters)) {
    if (base?.parameters[name] === p) continue;
    const unit = typeof p.values[0]?.value === 'number' && p.unit ? ` ${p.unit}` : '';
    for (const v of p.values) add(v.clause, `parameter \`${name}\` = ${show(v.value)}${unit} from ${v.effectiveFrom}`);
  }
  for (const r of plugin.rules.filter((r) => r.declaredBy === plugin.id)) add(r.clause, `rule \`${r.id.slice(plugin.id.length + 1)}\``);
  for (const t of own(plugin.targets, base?.targets)) {
    add(t.clause, `target \`${t.id}\` (metric \`${t.metric}\` ${t.comparison === 'at-least' ? '≥' : '≤'} ${t.goal} by ${t.deadline}${t.schedule ? `, ${t.schedule.perYear}/year from ${t.schedule.from}` : ''})`);
  }
  for (const t of own(plugin.tasks, base?.tasks)) add(t.clause, `task \`${t.id}\` (lead ${t.leadUnit}, due ${t.due})`);
  for (const r of own(plugin.reminders, base?.reminders)) {
    const when = 'every' in r.when ? `every year before ${r.when.before}` : 'timesPerYear' in r.when ? `${r.when.timesPerYear}× a year` : `on finding \`${r.when.onFinding}\``;
    add(r.clause, `reminder \`${r.id}\` (${when})`);
  }
  for (const r of own(plugin.reports, base?.reports)) add(r.clause, `report \`${r.id}\``);
  return [
    '| clause 条款 | text 原文 | encoded as 编码 |',
    '| --- | --- | --- |',
    ...[...rows].sort(([a], [b]) => byClause(a, b)).map(([clause, what]) => `| ${clause} | TODO: the text as printed | ${what.join('; ')} |`),
  ].join('\n');
}
