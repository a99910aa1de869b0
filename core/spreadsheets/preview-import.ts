// Checks every row of an uploaded sheet before anything is written: each bad cell is reported
// with its row, column and reason; good rows are matched on the natural key to tell updates
// from creates. Database look-ups are batched, so 10,000 rows cost a handful of queries.
import type { Kysely } from 'kysely';
import type { ResourceDef, Row } from '../crud/resource.ts';
import { findRow, type WriteContext } from '../crud/resource-service.ts';
import type { Translator } from '../i18n/lang.ts';
import { localiseIssues } from '../http/validate.ts';
import { cellValue, type ImportSpec } from './import-spec.ts';
import type { SheetRows } from './read-workbook.ts';
import type { ImportError, ImportRow } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const CHUNK = 1000;

export interface Preview {
  rows: ImportRow[];
  errors: ImportError[];
}

export async function previewImport(spec: ImportSpec, def: ResourceDef, ctx: WriteContext, t: Translator, sheet: SheetRows): Promise<Preview> {
  const say = (key: string, params?: Record<string, string | number>) => t(ctx.lang, key, params);
  const errors: ImportError[] = [];
  const headerOf = new Map(spec.columns.map((c) => [c.field, c.header]));

  const missing = spec.columns.filter((c) => !sheet.headers.includes(c.header) && !sheet.headers.includes(c.en));
  const keyColumn = spec.columns.find((c) => c.field === spec.naturalKey.field)!;
  if (missing.includes(keyColumn)) {
    return { rows: [], errors: [{ row: 1, column: keyColumn.header, message: say('import.missingColumn') }] };
  }

  const candidates: { row: number; input: Record<string, unknown> }[] = [];
  for (const { row, cells } of sheet.rows) {
    const input: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const value = cellValue(cells[column.header] ?? cells[column.en], column, t);
      if (value !== undefined) input[column.field] = value;
    }
    const parsed = def.create.safeParse(input);
    if (!parsed.success) {
      for (const issue of localiseIssues(parsed.error.issues, ctx.lang, t)) {
        const field = issue.path.split('.')[0] ?? '';
        errors.push({ row, column: headerOf.get(field) ?? field, message: issue.message });
      }
      continue;
    }
    candidates.push({ row, input: parsed.data });
  }

  // The same natural key twice in one file is ambiguous: which row wins? Neither.
  const firstRowOf = new Map<unknown, number>();
  const unique: typeof candidates = [];
  for (const candidate of candidates) {
    const key = candidate.input[spec.naturalKey.field];
    const first = firstRowOf.get(key);
    if (key !== undefined && first !== undefined) {
      errors.push({ row: candidate.row, column: keyColumn.header, message: say('import.duplicateInFile', { row: first }) });
      continue;
    }
    if (key !== undefined) firstRowOf.set(key, candidate.row);
    unique.push(candidate);
  }

  const existing = await existingByKey(spec, def, ctx, unique.map((c) => c.input[spec.naturalKey.field]));
  const rows: ImportRow[] = [];
  for (const candidate of unique) {
    const current = existing.get(candidate.input[spec.naturalKey.field]);
    if (current === null) {
      errors.push({ row: candidate.row, column: keyColumn.header, message: say('import.notYours') });
      continue;
    }
    const issues = (await def.validate?.(ctx, candidate.input, current ?? null)) ?? [];
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

/** Existing rows by natural key: the row if the caller may change it, null if it exists but may not. */
async function existingByKey(spec: ImportSpec, def: ResourceDef, ctx: WriteContext, keys: unknown[]): Promise<Map<unknown, Row | null>> {
  const found = new Map<unknown, Row | null>();
  const present = keys.filter((k) => k !== undefined);
  for (let i = 0; i < present.length; i += CHUNK) {
    const chunk = present.slice(i, i + CHUNK);
    const rows = (await (ctx.tx as unknown as AnyDb)
      .selectFrom(def.table)
      .selectAll()
      .where(spec.naturalKey.column, 'in', chunk)
      .execute()) as Row[];
    for (const row of rows) found.set(row[spec.naturalKey.column], row);
  }
  const write = def.access.write(ctx.user);
  if (write !== true) {
    for (const [key, row] of found) {
      if (row && !(await findRow(def, ctx, row.id, write))) found.set(key, null);
    }
  }
  return found;
}
