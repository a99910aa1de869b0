// Rows per table of the public schema, printed by backup and restore so an operator (and the
// round-trip test) can compare both sides. Counted as the owner: RLS would hide tenant rows.
import postgres from 'postgres';

export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export async function rowCounts(query: Query): Promise<Record<string, number>> {
  const tables = await query(
    `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by relname`,
  );
  const counts: Record<string, number> = {};
  for (const { relname } of tables) {
    const name = String(relname);
    const [row] = await query(`select count(*)::int as n from "${name.replaceAll('"', '""')}"`);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

export const formatCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `  ${table.padEnd(32)} ${n}`)
    .join('\n');

export async function postgresRowCounts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await rowCounts(async (text) => Array.from(await sql.unsafe<Record<string, unknown>[]>(text)));
  } finally {
    await sql.end();
  }
}
