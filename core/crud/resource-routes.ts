// Serves a ResourceDef as REST under the tenant's API: list (cursor, filters, sort), read,
// create, update with optimistic concurrency (stale version → 409), delete; every write audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { ResourceContext, ResourceDef, Row } from './resource.ts';
import { listQuerySchema, listRecords, type ListQuery } from './list-records.ts';
import { createRecord, deleteRecord, findRow, toJson, updateRecord, type WriteContext } from './resource-service.ts';
import { validationHook } from './validation-hook.ts';
import { writeContext } from './write-context.ts';

const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };

export function resourceRoutes(def: ResourceDef, deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  const updateSchema = (def.update ?? def.create).partial().extend({ version: z.number().int().positive() });
  const listQuery = listQuerySchema(def);
  const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
  const body = (schema: z.ZodObject) => ({ content: { 'application/json': { schema } }, required: true });
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
  const tags = [def.path];

  const context = (c: Context<AppEnv>): WriteContext => writeContext(c, deps.t);
  const json = (row: Row, ctx: ResourceContext) => toJson(def, row, ctx);

  app.use(`/${def.path}`, requireUser('api'));
  app.use(`/${def.path}/*`, requireUser('api'));

  app.openapi(
    createRoute({ method: 'get', path: `/${def.path}`, tags, request: { query: listQuery }, responses: { 200: ok(`a page of ${def.path}`), 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const q = c.req.valid('query') as ListQuery;
      const { rows: page, nextCursor } = await listRecords(def, ctx, q);
      return c.json({ items: page.map((row) => json(row, ctx)), nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: `/${def.path}/{id}`, tags, request: { params: idParam }, responses: { 200: ok('the record'), 404: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const row = await findRow(def, ctx, c.req.param('id'), def.access.read(ctx.user));
      if (!row) throw notFound();
      return c.json(json(row, ctx), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: `/${def.path}`, tags, request: { body: body(def.create) }, responses: { 201: ok('created'), 403: errorResponse, 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const input: Record<string, unknown> = c.req.valid('json');
      const row = await createRecord(def, ctx, input);
      return c.json(json(row, ctx), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: `/${def.path}/{id}`, tags, request: { params: idParam, body: body(updateSchema) }, responses: { 200: ok('updated'), 404: errorResponse, 409: errorResponse, 422: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const { version, ...input } = c.req.valid('json') as Record<string, unknown> & { version: number };
      const row = await updateRecord(def, ctx, c.req.param('id'), input, version);
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
      await deleteRecord(def, ctx, c.req.param('id'), version);
      return c.body(null, 204);
    },
  );

  return app;
}
