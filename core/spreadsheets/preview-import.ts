// Checks every row of an uploaded sheet before anything is written: each bad cell is reported
// with its row, column and reason; good rows are matched on the natural key to tell updates
// from creates. Database look-ups are batched, so 10,000 rows cost a handful of queries.
import type { Kysely } from 'kysely';
import type { ResourceDef, Row } from '../crud/resource.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import { scoped, type WriteContext } from '../crud/resource-service.ts';
import type { Translator } from '../i18n/lang.ts';
import { localiseIssues } from '../http/validate.ts';
import { cellValue, type ImportSpec } from './import-spec.ts';
import { cellHash, resolveLookups } from './resolve-lookups.ts';
import type { SheetRows } from './read-workbook.ts';
import type { ImportError, ImportRow } from './schema.ts';
import { validateRows } from './validate-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const CHUNK = 1000;

export interface Preview {
  rows: ImportRow[];
  errors: ImportError[];
}

export async function previewImport(spec: ImportSpec, def: ResourceDef, ctx: WriteContext, t: Translator, sheet: SheetRows, pii: PiiKeyring): Promise<Preview> {
  const say = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
  const errors: ImportError[] = [];
  const headerOf = new Map(spec.columns.map((c) => [c.field, c.header]));

  const missing = spec.columns.filter((c) => !sheet.headers.includes(c.header) && !sheet.headers.includes(c.en));
  const keyFields = spec.naturalKey?.fields ?? [];
  const missingKey = missing.filter((c) => keyFields.includes(c.field));
  if (missingKey.length > 0) {
    return { rows: [], errors: missingKey.map((c) => ({ row: 1, column: c.header, message: say('import.missingColumn') })) };
  }
  const keyHeader = spec.columns.find((c) => c.field === keyFields[0])?.header ?? '';

  const staged = sheet.rows.map(({ row, cells }) => {
    const input: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const value = cellValue(cells[column.header] ?? cells[column.en], column, t);
      if (value !== undefined) input[column.field] = value;
    }
    return { row, input };
  });
  const write = def.access.write(ctx.user);
  await resolveLookups(ctx, t, spec.columns, staged, errors, typeof write === 'object' ? (write.equals ?? {}) : {}, pii);

  const candidates: { row: number; input: Record<string, unknown>; key: string | undefined; first: unknown }[] = [];
  for (const { row, input } of staged) {
    const parsed = def.create.safeParse(input);
    if (!parsed.success) {
      for (const issue of localiseIssues(parsed.error.issues, ctx.lang, t)) {
        const field = issue.path.split('.')[0] ?? '';
        errors.push({ row, column: headerOf.get(field) ?? field, message: issue.message });
      }
      continue;
    }
    const data = parsed.data;
    // A hashed natural key (身份证号) is compared by its keyed hash, the only form stored.
    const keyInput = spec.naturalKey?.hashed ? { ...data, [keyFields[0]!]: cellHash(pii, ctx.tenantId, String(data[keyFields[0]!])) } : data;
    candidates.push({ row, input: data, key: keyOf(keyFields, keyInput), first: keyInput[keyFields[0]!] });
  }

  // The same natural key twice in one file is ambiguous: which row wins? Neither.
  const firstRowOf = new Map<string, number>();
  const unique: typeof candidates = [];
  for (const candidate of candidates) {
    const first = candidate.key === undefined ? undefined : firstRowOf.get(candidate.key);
    if (first !== undefined) {
      errors.push({ row: candidate.row, column: keyHeader, message: say('import.duplicateInFile', { row: first }) });
      continue;
    }
    if (candidate.key !== undefined) firstRowOf.set(candidate.key, candidate.row);
    unique.push(candidate);
  }

  const existing = spec.naturalKey ? await existingByKey(spec.naturalKey, def, ctx, unique) : new Map<string, Row | null>();
  const rows: ImportRow[] = [];
  const mine: { candidate: (typeof unique)[number]; current: Row | undefined }[] = [];
  for (const candidate of unique) {
    const current = candidate.key === undefined ? undefined : existing.get(candidate.key);
    if (current === null) errors.push({ row: candidate.row, column: keyHeader, message: say('import.notYours') });
    else mine.push({ candidate, current });
  }
  const checked = await validateRows(def, ctx, mine.map(({ candidate, current }) => ({ input: candidate.input, existing: current ?? null })));
  for (const [i, { candidate, current }] of mine.entries()) {
    const issues = checked[i]!;
    for (const issue of issues) errors.push({ row: candidate.row, column: headerOf.get(issue.path) ?? issue.path, message: issue.message });
    if (issues.length > 0) continue;
    rows.push(
      current
        ? { row: candidate.row, action: 'update', id: current.id, version: current.version ?? 1, input: candidate.input }
        : { row: candidate.row, action: 'create', input: candidate.input },
    );
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

const keyOf = (fields: readonly string[], input: Record<string, unknown>) =>
  fields.length > 0 && fields.every((f) => input[f] !== undefined && input[f] !== null) ? JSON.stringify(fields.map((f) => input[f])) : undefined;

/** Existing rows by natural key: the row if the caller may change it, null if it exists but may not. */
async function existingByKey(
  naturalKey: { fields: string[]; columns: string[] },
  def: ResourceDef,
  ctx: WriteContext,
  candidates: { key: string | undefined; first: unknown }[],
): Promise<Map<string, Row | null>> {
  const found = new Map<string, Row | null>();
  const first = [...new Set(candidates.filter((c) => c.key !== undefined).map((c) => c.first))];
  for (let i = 0; i < first.length; i += CHUNK) {
    const rows = (await (ctx.tx as unknown as AnyDb)
      .selectFrom(def.table)
      .selectAll()
      .where(naturalKey.columns[0]!, 'in', first.slice(i, i + CHUNK))
      .execute()) as Row[];
    for (const row of rows) found.set(JSON.stringify(naturalKey.columns.map((c) => row[c])), row);
  }
  const write = def.access.write(ctx.user);
  if (write !== true) {
    // Which of the found rows the caller may change, one query per chunk.
    const ids = [...found.values()].map((row) => row!.id);
    const writable = new Set<string>();
    for (let i = 0; write !== false && i < ids.length; i += CHUNK) {
      const rows = await (ctx.tx as unknown as AnyDb)
        .selectFrom(def.table)
        .select('id')
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .where((eb) => scoped(eb, write))
        .execute();
      for (const row of rows as { id: string }[]) writable.add(row.id);
    }
    for (const [key, row] of found) if (!writable.has(row!.id)) found.set(key, null);
  }
  return found;
}
