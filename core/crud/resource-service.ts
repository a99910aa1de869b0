// The writes of a resource, apart from HTTP, so the API and spreadsheet imports share them:
// scope checks, domain validation, the write itself, optimistic concurrency and the audit row.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { diffFields, recordAudit, type AuditEntry } from '../audit/record-audit.ts';
import { AppError, forbidden, invalid, notFound } from '../errors/app-error.ts';
import { mapDbError } from './db-errors.ts';
import { defaultJson, toColumns, type AnyEb, type ResourceContext, type ResourceDef, type Row, type Scope } from './resource.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WriteContext extends ResourceContext {
  requestId: string | null;
  /** Messages for database refusals, in the caller's language. */
  dbMessages: { reference: string; check: string };
}

export const db = (ctx: ResourceContext) => ctx.tx as unknown as AnyDb;
export const toJson = (def: ResourceDef, row: Row, ctx: ResourceContext) => (def.toJson ? def.toJson(row, ctx) : defaultJson(def, row));

export function scoped(eb: AnyEb, scope: Exclude<Scope, boolean>) {
  const all: Expression<SqlBool>[] = Object.entries(scope.equals ?? {}).map(([column, value]) =>
    value === null ? eb(column, 'is', null) : eb(column, '=', value),
  );
  if (scope.where) all.push(scope.where(eb));
  return eb.and(all);
}

export async function findRow(def: ResourceDef, ctx: ResourceContext, id: string, scope: Scope): Promise<Row | undefined> {
  if (scope === false || !UUID.test(id)) return undefined;
  let q = db(ctx).selectFrom(def.table).selectAll().where('id', '=', id);
  if (scope !== true) q = q.where((eb) => scoped(eb, scope));
  return (await q.executeTakeFirst()) as Row | undefined;
}

/** 404 when the caller may not even see the row; 403 when they may see but not change it. */
export async function findWritable(def: ResourceDef, ctx: ResourceContext, id: string): Promise<Row> {
  const row = await findRow(def, ctx, id, def.access.write(ctx.user));
  if (row) return row;
  if (await findRow(def, ctx, id, def.access.read(ctx.user))) throw forbidden();
  throw notFound();
}

export function enforceEquals(def: ResourceDef, ctx: ResourceContext, columns: Record<string, unknown>, fill: boolean) {
  const scope = def.access.write(ctx.user);
  if (scope === false) throw forbidden();
  if (scope === true) return;
  for (const [column, value] of Object.entries(scope.equals ?? {})) {
    if (!(column in columns)) {
      if (fill) columns[column] = value;
    } else if (columns[column] !== value) throw forbidden();
  }
}

async function check(def: ResourceDef, ctx: ResourceContext, input: Record<string, unknown>, existing: Row | null) {
  const issues = (await def.validate?.(ctx, input, existing)) ?? [];
  if (issues.length > 0) throw invalid(issues);
}

/** The audit entry of one write (batched imports write many of these at once). */
export const auditEntry = (def: ResourceDef, ctx: WriteContext, action: string, id: string, before: Row | null, after: Row | null): AuditEntry => ({
  tenantId: ctx.tenantId,
  actorUserId: ctx.user.id,
  action,
  entity: def.entity,
  entityId: id,
  // Audited from the stored values, not the caller's (possibly masked) view of them, with
  // secret fields named but not kept: the log must not depend on who made the change.
  changes: diffFields(before ? defaultJson(def, before) : null, after ? defaultJson(def, after) : null, def.auditSecret ?? []),
  requestId: ctx.requestId,
});

const audit = (def: ResourceDef, ctx: WriteContext, action: string, id: string, before: Row | null, after: Row | null) =>
  recordAudit(ctx.tx, auditEntry(def, ctx, action, id, before, after));

export async function createRecord(def: ResourceDef, ctx: WriteContext, input: Record<string, unknown>): Promise<Row> {
  const columns = { ...toColumns(input), ...def.stamp?.(ctx.user) };
  enforceEquals(def, ctx, columns, true);
  await check(def, ctx, input, null);
  const stored = def.encode ? def.encode(columns, ctx) : columns;
  const row = (await db(ctx)
    .insertInto(def.table)
    .values({ ...stored, tenant_id: ctx.tenantId })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => mapDbError(e, def.table, ctx.dbMessages))) as Row;
  await audit(def, ctx, 'create', row.id, null, row);
  return row;
}

export async function updateRecord(
  def: ResourceDef,
  ctx: WriteContext,
  id: string,
  input: Record<string, unknown>,
  version: number,
): Promise<Row> {
  const existing = await findWritable(def, ctx, id);
  const columns = toColumns(input);
  enforceEquals(def, ctx, columns, false);
  await check(def, ctx, input, existing);
  const row = (await db(ctx)
    .updateTable(def.table)
    .set({ ...(def.encode ? def.encode(columns, ctx) : columns), version: version + 1, updated_at: sql`now()` })
    .where('id', '=', existing.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
    .catch((e: unknown) => mapDbError(e, def.table, ctx.dbMessages))) as Row | undefined;
  if (!row) throw new AppError('Conflict', 'error.staleVersion', [], { current: existing.version ?? 0 });
  await audit(def, ctx, 'update', row.id, existing, row);
  return row;
}

export async function deleteRecord(def: ResourceDef, ctx: WriteContext, id: string, version: number): Promise<void> {
  const existing = await findWritable(def, ctx, id);
  const result = await db(ctx)
    .deleteFrom(def.table)
    .where('id', '=', existing.id)
    .where('version', '=', version)
    .executeTakeFirst()
    .catch((e: unknown) => {
      // A row others still point at cannot go; the caller must remove those first.
      if ((e as { code?: string }).code === '23503') throw new AppError('Conflict', 'error.inUse');
      throw e;
    });
  if (Number(result.numDeletedRows) === 0) throw new AppError('Conflict', 'error.staleVersion', [], { current: existing.version ?? 0 });
  await audit(def, ctx, 'delete', existing.id, existing, null);
}
