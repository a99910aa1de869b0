// Turns what people write in a sheet (a school's name, an enterprise's credit code, a student's
// 身份证号) into the ids the resources expect, one batched query per column, and back again for
// exports. A name that matches nothing, or more than one record, is reported, never guessed.
import type { Kysely } from 'kysely';
import type { ResourceContext } from '../crud/resource.ts';
import { keyedHash, type PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Translator } from '../i18n/lang.ts';
import type { ImportColumn, Lookup } from './import-spec.ts';
import type { ImportError } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Matched = { id: string; text: string; within: unknown };

/** The hash a hashed column holds for a cell's text (ID numbers compare upper-cased, like the schema stores them). */
export const cellHash = (pii: PiiKeyring, tenantId: string, text: string) => keyedHash(pii, tenantId, text.trim().toUpperCase());

async function fetchByText(ctx: ResourceContext, pii: PiiKeyring, lookup: Lookup, texts: string[]): Promise<Matched[]> {
  if (texts.length === 0) return [];
  const textOf = new Map(texts.map((text) => [lookup.hashed ? cellHash(pii, ctx.tenantId, text) : text, text]));
  let q = (ctx.tx as unknown as AnyDb)
    .selectFrom(lookup.table)
    .select(['id', `${lookup.column} as text`, ...(lookup.within ? [`${lookup.within.column} as within`] : [])])
    .where(lookup.column, 'in', [...textOf.keys()]);
  if (lookup.kinds) q = q.where('kind', 'in', lookup.kinds);
  return ((await q.execute()) as Matched[]).map((m) => ({ ...m, text: textOf.get(m.text) ?? m.text }));
}

export async function resolveLookups(
  ctx: ResourceContext,
  t: Translator,
  columns: readonly ImportColumn[],
  rows: { row: number; input: Record<string, unknown> }[],
  errors: ImportError[],
  /** Column values the caller's write scope fixes (e.g. school_id of a school admin). */
  scopeDefaults: Record<string, unknown>,
  pii: PiiKeyring,
): Promise<void> {
  const bad = new Set<number>();
  // Row and field of each name that did not resolve: a look-up `within` that field has nothing
  // to search in, and reporting it too would blame a cell that may well be right.
  const failed = new Set<string>();
  // In column order, so a `within` field (the school) is an id before the column that needs it.
  for (const column of columns) {
    const lookup = column.lookup;
    if (!lookup) continue;
    const texts = [...new Set(rows.map((r) => r.input[column.field]).filter((v): v is string => typeof v === 'string'))];
    const matches = new Map<string, Matched[]>();
    for (let i = 0; i < texts.length; i += 1000) {
      for (const m of await fetchByText(ctx, pii, lookup, texts.slice(i, i + 1000))) {
        const list = matches.get(m.text) ?? [];
        list.push(m);
        matches.set(m.text, list);
      }
    }
    for (const r of rows) {
      const text = r.input[column.field];
      if (typeof text !== 'string') continue;
      if (lookup.within && failed.has(`${r.row}:${lookup.within.field}`)) continue;
      // A school admin's sheet may leave out 学校: the row is then in the admin's own school.
      const within = lookup.within ? (r.input[lookup.within.field] ?? scopeDefaults[lookup.within.column]) : undefined;
      const found = (matches.get(text) ?? []).filter((m) => !lookup.within || m.within === within);
      if (found.length === 1) {
        r.input[column.field] = found[0]!.id;
        continue;
      }
      const key = found.length === 0 ? 'import.lookupMissing' : 'import.lookupAmbiguous';
      errors.push({ row: r.row, column: column.header, message: t(ctx.lang, key, { value: text }) });
      bad.add(r.row);
      failed.add(`${r.row}:${column.field}`);
    }
  }
  for (let i = rows.length - 1; i >= 0; i--) if (bad.has(rows[i]!.row)) rows.splice(i, 1);
}

/** For exports: the text each looked-up id stands for, by field. */
export async function reverseLookups(
  ctx: ResourceContext,
  columns: readonly ImportColumn[],
  items: Record<string, unknown>[],
  pii: PiiKeyring,
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const column of columns) {
    if (!column.lookup) continue;
    const ids = [...new Set(items.map((item) => item[column.field]).filter((v): v is string => typeof v === 'string'))];
    const byId = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const hashed = column.lookup.hashed;
      const rows = (await (ctx.tx as unknown as AnyDb)
        .selectFrom(column.lookup.table)
        .select(['id', `${column.lookup.column} as text`, ...(hashed?.columns ?? [])])
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute()) as ({ id: string; text: string } & Record<string, unknown>)[];
      // A hash means nothing to a reader: a hashed look-up is shown as its display (masked) text.
      for (const row of rows) byId.set(row.id, hashed ? hashed.display(pii, row) : row.text);
    }
    out.set(column.field, byId);
  }
  return out;
}
