// A major's yearly figures (enrolment, graduates, employment rate), one row per year: keyed by
// (major, year) rather than an id, so they are plain routes beside the majors resource.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { validationHook } from '../crud/validation-hook.ts';
import type { Scope } from '../crud/resource.ts';
import type { Tx } from '../db/database.ts';
import { schoolRecordAccess, scopedSchool } from './school-access.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

const statsInput = z.object({
  enrolment: z.number().int().min(0).max(1_000_000),
  graduates: z.number().int().min(0).max(1_000_000).nullish(),
  employmentRate: z.number().min(0).max(100).nullish(),
});
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const yearParam = idParam.extend({ year: z.coerce.number().int().min(1990).max(2100).openapi({ param: { name: 'year', in: 'path' } }) });

interface StatsRow {
  year: number;
  enrolment: number;
  graduates: number | null;
  employment_rate: string | number | null;
}
const toJson = (row: StatsRow) => ({
  year: row.year,
  enrolment: row.enrolment,
  graduates: row.graduates,
  employmentRate: row.employment_rate === null ? null : Number(row.employment_rate),
});

async function findMajor(tx: Tx, id: string, scope: Scope) {
  if (scope === false || !UUID.test(id)) return undefined;
  let q = tx.selectFrom('majors').select(['id', 'school_id']).where('id', '=', id);
  if (scope !== true) {
    const school = scopedSchool(scope);
    if (!school) return undefined;
    q = q.where('school_id', '=', school);
  }
  return q.executeTakeFirst();
}

export function majorStatsRoutes(deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  const tags = ['majors'];
  app.use('/majors/:id/stats', requireUser('api'));
  app.use('/majors/:id/stats/*', requireUser('api'));

  const readable = async (c: Context<AppEnv>, id: string) => {
    const major = await findMajor(c.get('tx'), id, schoolRecordAccess.read(c.get('auth')!.user));
    if (!major) throw notFound();
    return major;
  };
  /** 404 when the caller may not see the major, 403 when they may see but not change it. */
  const writable = async (c: Context<AppEnv>, id: string) => {
    const major = await findMajor(c.get('tx'), id, schoolRecordAccess.write(c.get('auth')!.user));
    if (major) return major;
    await readable(c, id);
    throw forbidden();
  };
  const audit = (c: Context<AppEnv>, action: string, majorId: string, year: number, before: StatsRow | undefined, after: StatsRow | undefined) =>
    recordAudit(c.get('tx'), {
      tenantId: c.get('tenant').id,
      actorUserId: c.get('auth')!.user.id,
      action,
      entity: 'major_yearly_stat',
      entityId: `${majorId}/${year}`,
      changes: diffFields(before ? toJson(before) : null, after ? toJson(after) : null),
      requestId: c.get('requestId'),
    });

  app.openapi(
    createRoute({ method: 'get', path: '/majors/{id}/stats', tags, request: { params: idParam }, responses: { 200: ok('the yearly figures, oldest first'), 404: errorResponse } }),
    async (c) => {
      const major = await readable(c, c.req.valid('param').id);
      const rows = await c.get('tx').selectFrom('major_yearly_stats').selectAll().where('major_id', '=', major.id).orderBy('year').execute();
      return c.json({ items: rows.map(toJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/majors/{id}/stats/{year}',
      tags,
      request: { params: yearParam, body: { content: { 'application/json': { schema: statsInput } }, required: true } },
      responses: { 200: ok('replaced'), 201: ok('recorded'), 403: errorResponse, 404: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      const input = c.req.valid('json');
      const major = await writable(c, id);
      const tx = c.get('tx');
      const values = { enrolment: input.enrolment, graduates: input.graduates ?? null, employment_rate: input.employmentRate ?? null };
      const before = await tx.selectFrom('major_yearly_stats').selectAll().where('major_id', '=', major.id).where('year', '=', year).forUpdate().executeTakeFirst();
      const row = await tx
        .insertInto('major_yearly_stats')
        .values({ tenant_id: c.get('tenant').id, major_id: major.id, year, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'major_id', 'year']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(c, before ? 'update' : 'create', major.id, year, before, row);
      return c.json(toJson(row), before ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/majors/{id}/stats/{year}', tags, request: { params: yearParam }, responses: { 204: { description: 'deleted' }, 403: errorResponse, 404: errorResponse } }),
    async (c) => {
      const { id, year } = c.req.valid('param');
      const major = await writable(c, id);
      const before = await c.get('tx').deleteFrom('major_yearly_stats').where('major_id', '=', major.id).where('year', '=', year).returningAll().executeTakeFirst();
      if (!before) throw notFound();
      await audit(c, 'delete', major.id, year, before, undefined);
      return c.body(null, 204);
    },
  );

  return app;
}
