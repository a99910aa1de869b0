// Serves a ResourceDef as REST under the tenant's API: list (cursor, filters, sort), read,
// create, update with optimistic concurrency (stale version → 409), delete; every write audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { AppError, forbidden, invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { mapDbError } from './db-errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { defaultJson, toColumns, type AnyEb, type ResourceContext, type ResourceDef, type Row, type Scope } from './resource.ts';
import { validationHook } from './validation-hook.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };

function scoped(eb: AnyEb, scope: Exclude<Scope, boolean>) {
  const parts = Object.entries(scope.equals ?? {}).map(([column, value]) =>
    value === null ? eb(column, 'is', null) : eb(column, '=', value),
  );
  const all: Expression<SqlBool>[] = parts;
  if (scope.where) all.push(scope.where(eb));
  return eb.and(all);
}

export function resourceRoutes(def: ResourceDef, deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  const sortKeys = Object.keys(def.sorts) as [string, ...string[]];
  const updateSchema = (def.update ?? def.create).partial().extend({ version: z.number().int().positive() });
  const filterShape = Object.fromEntries(Object.entries(def.filters ?? {}).map(([k, f]) => [k, f.schema.optional()]));
  const listQuery = z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    sort: z.enum(sortKeys).default(sortKeys[0]),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...filterShape,
  });
  const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
  const body = (schema: z.ZodObject) => ({ content: { 'application/json': { schema } }, required: true });
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
  const tags = [def.path];

  const context = (c: Context<AppEnv>): ResourceContext => ({
    tx: c.get('tx'),
    tenantId: c.get('tenant').id,
    user: c.get('auth')!.user,
    lang: c.get('lang'),
  });
  const db = (ctx: ResourceContext) => ctx.tx as unknown as AnyDb;
  const json = (row: Row, ctx: ResourceContext) => (def.toJson ? def.toJson(row, ctx) : defaultJson(def, row));
  const dbMessages = (c: Context<AppEnv>) => ({
    reference: deps.t(c.get('lang'), 'error.reference'),
    check: deps.t(c.get('lang'), 'error.check'),
  });

  const find = async (ctx: ResourceContext, id: string, scope: Scope): Promise<Row | undefined> => {
    if (scope === false || !UUID.test(id)) return undefined;
    let q = db(ctx).selectFrom(def.table).selectAll().where('id', '=', id);
    if (scope !== true) q = q.where((eb) => scoped(eb, scope));
    return (await q.executeTakeFirst()) as Row | undefined;
  };

  /** 404 when the caller may not even see the row; 403 when they may see but not change it. */
  const findWritable = async (ctx: ResourceContext, id: string): Promise<Row> => {
    const row = await find(ctx, id, def.access.write(ctx.user));
    if (row) return row;
    if (await find(ctx, id, def.access.read(ctx.user))) throw forbidden();
    throw notFound();
  };

  const enforceEquals = (ctx: ResourceContext, columns: Record<string, unknown>, fill: boolean) => {
    const scope = def.access.write(ctx.user);
    if (scope === false) throw forbidden();
    if (scope === true) return;
    for (const [column, value] of Object.entries(scope.equals ?? {})) {
      if (!(column in columns)) {
        if (fill) columns[column] = value;
      } else if (columns[column] !== value) throw forbidden();
    }
  };

  const check = async (ctx: ResourceContext, input: Record<string, unknown>, existing: Row | null) => {
    const issues = (await def.validate?.(ctx, input, existing)) ?? [];
    if (issues.length > 0) throw invalid(issues);
  };

  app.use(`/${def.path}`, requireUser('api'));
  app.use(`/${def.path}/*`, requireUser('api'));

  app.openapi(
    createRoute({ method: 'get', path: `/${def.path}`, tags, request: { query: listQuery }, responses: { 200: ok(`a page of ${def.path}`), 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const scope = def.access.read(ctx.user);
      if (scope === false) throw forbidden();
      const q = c.req.valid('query') as Record<string, unknown> & { limit: number; cursor?: string; sort: string; order: 'asc' | 'desc' };
      const column = def.sorts[q.sort]!;
      let query = db(ctx).selectFrom(def.table).selectAll();
      if (scope !== true) query = query.where((eb) => scoped(eb, scope));
      for (const [name, filter] of Object.entries(def.filters ?? {})) {
        const value = q[name];
        if (value === undefined) continue;
        query = filter.where ? query.where((eb) => filter.where!(eb, value as never)) : query.where(filter.column ?? name, '=', value);
      }
      if (q.cursor) {
        const cursor = decodeCursor(q.cursor, q.sort);
        if (!cursor) throw invalid([{ path: 'cursor', code: 'invalid_cursor', message: deps.t(ctx.lang, 'error.cursor') }]);
        const op = q.order === 'asc' ? '>' : '<';
        query = query.where((eb) => eb.or([eb(column, op, cursor.value), eb.and([eb(column, '=', cursor.value), eb('id', op, cursor.id)])]));
      }
      const rows = (await query.orderBy(column, q.order).orderBy('id', q.order).limit(q.limit + 1).execute()) as Row[];
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return c.json({
        items: page.map((row) => json(row, ctx)),
        nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, last[column], last.id) : null,
      }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: `/${def.path}/{id}`, tags, request: { params: idParam }, responses: { 200: ok('the record'), 404: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const row = await find(ctx, c.req.param('id'), def.access.read(ctx.user));
      if (!row) throw notFound();
      return c.json(json(row, ctx), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: `/${def.path}`, tags, request: { body: body(def.create) }, responses: { 201: ok('created'), 403: errorResponse, 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const input: Record<string, unknown> = c.req.valid('json');
      const columns = toColumns(input);
      enforceEquals(ctx, columns, true);
      await check(ctx, input, null);
      const row = (await db(ctx)
        .insertInto(def.table)
        .values({ ...columns, tenant_id: ctx.tenantId })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => mapDbError(e, def.table, dbMessages(c)))) as Row;
      await recordAudit(ctx.tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: 'create',
        entity: def.entity,
        entityId: row.id,
        changes: diffFields(null, json(row, ctx)),
        requestId: c.get('requestId'),
      });
      return c.json(json(row, ctx), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: `/${def.path}/{id}`, tags, request: { params: idParam, body: body(updateSchema) }, responses: { 200: ok('updated'), 404: errorResponse, 409: errorResponse, 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const { version, ...input } = c.req.valid('json') as Record<string, unknown> & { version: number };
      const existing = await findWritable(ctx, c.req.param('id'));
      const columns = toColumns(input);
      enforceEquals(ctx, columns, false);
      await check(ctx, input, existing);
      const row = (await db(ctx)
        .updateTable(def.table)
        .set({ ...columns, version: version + 1, updated_at: new Date() })
        .where('id', '=', existing.id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst()
        .catch((e: unknown) => mapDbError(e, def.table, dbMessages(c)))) as Row | undefined;
      if (!row) throw new AppError('Conflict', 'error.staleVersion', [], { current: existing.version ?? 0 });
      await recordAudit(ctx.tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: 'update',
        entity: def.entity,
        entityId: row.id,
        changes: diffFields(json(existing, ctx), json(row, ctx)),
        requestId: c.get('requestId'),
      });
      return c.json(json(row, ctx), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `/${def.path}/{id}`,
      tags,
      request: { params: idParam, query: z.object({ version: z.coerce.number().int().positive() }) },
      responses: { 204: { description: 'deleted' }, 404: errorResponse, 409: errorResponse },
    }),
    async (c) => {
      const ctx = context(c);
      const { version } = c.req.valid('query');
      const existing = await findWritable(ctx, c.req.param('id'));
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
      await recordAudit(ctx.tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: 'delete',
        entity: def.entity,
        entityId: existing.id,
        changes: diffFields(json(existing, ctx), null),
        requestId: c.get('requestId'),
      });
      return c.body(null, 204);
    },
  );

  return app;
}
