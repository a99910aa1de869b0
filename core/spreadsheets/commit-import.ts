// Confirms a previewed import in the request's one transaction, all rows or none, with the
// resource's own rules (write scope, domain checks, sealing, optimistic concurrency, audit)
// applied a chunk at a time: one multi-row statement per chunk instead of four per row.
import { sql, type Kysely } from 'kysely';
import { recordAudits, type AuditEntry } from '../audit/record-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { toColumns, type ResourceDef, type Row } from '../crud/resource.ts';
import { auditEntry, createRecord, enforceEquals, scoped, updateRecord, type WriteContext } from '../crud/resource-service.ts';
import type { Translator } from '../i18n/lang.ts';
import type { ImportRow } from './schema.ts';
import { validateRows } from './validate-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const CHUNK = 500;

export async function commitImport(def: ResourceDef, ctx: WriteContext, t: Translator, rows: ImportRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // A savepoint per chunk: when the batch is refused, the chunk is replayed row by row to
    // name the row and its reason. Either way the first failure ends the import and the
    // request's transaction takes every earlier chunk back with it.
    await sql`savepoint import_chunk`.execute(ctx.tx);
    try {
      await writeChunk(def, ctx, chunk);
    } catch {
      await sql`rollback to savepoint import_chunk`.execute(ctx.tx);
      await replay(def, ctx, t, chunk);
    }
    await sql`release savepoint import_chunk`.execute(ctx.tx);
  }
  const created = rows.filter((r) => r.action === 'create').length;
  return { created, updated: rows.length - created };
}

class Refused extends Error {}

async function writeChunk(def: ResourceDef, ctx: WriteContext, chunk: ImportRow[]) {
  const db = ctx.tx as unknown as AnyDb;
  const existing = await writableRows(def, ctx, chunk.filter((r) => r.action === 'update').map((r) => r.id!));
  const checks = chunk.map((row) => ({ row, existing: row.action === 'update' ? (existing.get(row.id!) ?? null) : null }));
  if (checks.some((c) => c.row.action === 'update' && !c.existing)) throw new Refused('not writable');

  const issues = await validateRows(def, ctx, checks.map((c) => ({ input: c.row.input, existing: c.existing })));
  if (issues.some((list) => list.length > 0)) throw new Refused('invalid');

  const creates: Record<string, unknown>[] = [];
  const updates: { stored: Record<string, unknown>; id: string; version: number }[] = [];
  for (const { row } of checks) {
    const columns = row.action === 'create' ? { ...toColumns(row.input), ...def.stamp?.(ctx.user) } : toColumns(row.input);
    enforceEquals(def, ctx, columns, row.action === 'create');
    // Sealing (AES-256-GCM) and the keyed hash happen here, in process, row after row.
    const stored = def.encode ? def.encode(columns, ctx) : columns;
    if (row.action === 'create') creates.push({ ...stored, tenant_id: ctx.tenantId });
    else updates.push({ stored, id: row.id!, version: row.version! });
  }

  const entries: AuditEntry[] = [];
  if (creates.length > 0) {
    const inserted = (await db.insertInto(def.table).values(creates).returningAll().execute()) as Row[];
    if (inserted.length !== creates.length) throw new Refused('insert');
    for (const row of inserted) entries.push(auditEntry(def, ctx, 'create', row.id, null, row));
  }
  // Rows of one update statement set the same columns; an import's rows nearly always do.
  const groups = new Map<string, typeof updates>();
  for (const update of updates) {
    const key = Object.keys(update.stored).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), update]);
  }
  for (const group of groups.values()) {
    const columns = Object.keys(group[0]!.stored);
    const values = group.map((u) => ({ ...u.stored, id: u.id, version: u.version }));
    const set = columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`);
    // jsonb_populate_recordset types every value as the table's own column: one parameter, any row count.
    const updated = (
      await sql<Row>`update ${sql.table(def.table)} as t set ${sql.join(set)}, version = t.version + 1, updated_at = now()
        from jsonb_populate_recordset(null::${sql.table(def.table)}, ${JSON.stringify(values)}::jsonb) as v
        where t.id = v.id and t.version = v.version returning t.*`.execute(ctx.tx)
    ).rows;
    // A version changed since the preview: the replay names the row with its Conflict.
    if (updated.length !== group.length) throw new Refused('stale');
    for (const row of updated) entries.push(auditEntry(def, ctx, 'update', row.id, existing.get(row.id)!, row));
  }
  await recordAudits(ctx.tx, entries);
}

/** The rows of `ids` the caller may change now, by id (one query per chunk). */
async function writableRows(def: ResourceDef, ctx: WriteContext, ids: string[]): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  const scope = def.access.write(ctx.user);
  if (ids.length === 0 || scope === false) return found;
  let q = (ctx.tx as unknown as AnyDb).selectFrom(def.table).selectAll().where('id', 'in', ids);
  if (scope !== true) q = q.where((eb) => scoped(eb, scope));
  for (const row of (await q.execute()) as Row[]) found.set(row.id, row);
  return found;
}

/** Row by row through the resource's own create/update: the first failure names its row. */
async function replay(def: ResourceDef, ctx: WriteContext, t: Translator, chunk: ImportRow[]) {
  for (const row of chunk) {
    try {
      if (row.action === 'create') await createRecord(def, ctx, row.input);
      else await updateRecord(def, ctx, row.id!, row.input, row.version!);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const reason = error.issues.map((i) => i.message).join(' ') || t(ctx.lang, error.messageKey, error.params);
      throw new AppError(error.code, 'import.rowFailed', [{ path: `row.${row.row}`, code: error.code, message: reason }], { row: row.row, reason });
    }
  }
}
