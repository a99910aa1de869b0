// Consents of a student: recorded by those who may change the student (own school admin, bureau),
// listed by those who may see the student, withdrawn with a time; every change audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { findRow } from '../crud/resource-service.ts';
import type { ResourceContext, ResourceDef } from '../crud/resource.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden, invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { studentReadScope, studentWriteScope } from '../students/student-access.ts';
import { isMinorOn } from './consent-checks.ts';
import { consentPurposes } from './schema.ts';

const students = { table: 'students' } as ResourceDef;
const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const consentParams = idParam.extend({ consentId: z.string().openapi({ param: { name: 'consentId', in: 'path' } }) });

export const consentInput = z.object({
  purpose: z.enum(consentPurposes),
  givenBy: z.enum(['guardian', 'student']),
  consenterName: z.string().trim().min(1).max(60),
  relation: z.string().trim().min(1).max(20).nullish(),
  grantedOn: z.iso.date(),
  attachmentId: z.uuid().nullish(),
});

type ConsentRow = { id: string; student_id: string; purpose: string; given_by: string; consenter_name: string; relation: string | null; granted_on: string; attachment_id: string | null; withdrawn_at: Date | null; created_at: Date };
const consentJson = (r: ConsentRow) => ({
  id: r.id,
  studentId: r.student_id,
  purpose: r.purpose,
  givenBy: r.given_by,
  consenterName: r.consenter_name,
  relation: r.relation,
  grantedOn: r.granted_on,
  attachmentId: r.attachment_id,
  withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export function consentRoutes(deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/students/:id/consents', requireUser('api'));
  app.use('/students/:id/consents/*', requireUser('api'));
  const context = (c: Context<AppEnv>): ResourceContext => ({
    tx: c.get('tx'),
    tenantId: c.get('tenant').id,
    user: c.get('auth')!.user,
    lang: c.get('lang'),
  });
  /** The student if the caller may see it (404 otherwise) and, for writes, change it (403). */
  const student = async (ctx: ResourceContext, id: string, write: boolean) => {
    const row = await findRow(students, ctx, id, studentReadScope(ctx.user));
    if (!row) throw notFound();
    if (write && !(await findRow(students, ctx, id, studentWriteScope(ctx.user)))) throw forbidden();
    return row;
  };

  app.openapi(
    createRoute({ method: 'get', path: '/students/{id}/consents', tags: ['students'], request: { params: idParam }, responses: { 200: ok('the consents, newest first'), 404: errorResponse } }),
    async (c) => {
      const ctx = context(c);
      const row = await student(ctx, c.req.valid('param').id, false);
      const rows = await ctx.tx.selectFrom('consents').selectAll().where('student_id', '=', row.id).orderBy('created_at', 'desc').execute();
      return c.json({ items: rows.map(consentJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/students/{id}/consents',
      tags: ['students'],
      request: { params: idParam, body: { content: { 'application/json': { schema: consentInput } }, required: true } },
      responses: { 201: ok('the recorded consent'), 403: errorResponse, 404: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const ctx = context(c);
      const row = await student(ctx, c.req.valid('param').id, true);
      const input = c.req.valid('json');
      // A minor cannot consent alone: the guardian does, and says how they are related.
      if (input.givenBy === 'student' && isMinorOn(row.birth_date as string | null, input.grantedOn))
        throw invalid([{ path: 'givenBy', code: 'custom', message: deps.t(ctx.lang, 'privacy.minorNeedsGuardian') }]);
      if (input.givenBy === 'guardian' && !input.relation) throw invalid([{ path: 'relation', code: 'required', message: deps.t(ctx.lang, 'privacy.relationRequired') }]);
      if (input.attachmentId && !(await ctx.tx.selectFrom('attachments').select('id').where('id', '=', input.attachmentId).executeTakeFirst()))
        throw invalid([{ path: 'attachmentId', code: 'reference', message: deps.t(ctx.lang, 'error.reference') }]);
      const created = await ctx.tx
        .insertInto('consents')
        .values({
          tenant_id: ctx.tenantId,
          student_id: row.id,
          purpose: input.purpose,
          given_by: input.givenBy,
          consenter_name: input.consenterName,
          relation: input.relation ?? null,
          granted_on: input.grantedOn,
          attachment_id: input.attachmentId ?? null,
          recorded_by: ctx.user.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(ctx.tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: 'create',
        entity: 'consent',
        entityId: created.id,
        changes: { studentId: { before: null, after: row.id }, purpose: { before: null, after: input.purpose }, givenBy: { before: null, after: input.givenBy } },
        requestId: c.get('requestId'),
      });
      return c.json(consentJson(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/students/{id}/consents/{consentId}/withdraw',
      tags: ['students'],
      request: { params: consentParams },
      responses: { 200: ok('the withdrawn consent'), 403: errorResponse, 404: errorResponse },
    }),
    async (c) => {
      const ctx = context(c);
      const { id, consentId } = c.req.valid('param');
      const row = await student(ctx, id, true);
      if (!/^[0-9a-f-]{36}$/i.test(consentId)) throw notFound();
      const updated = await ctx.tx
        .updateTable('consents')
        .set({ withdrawn_at: sql<Date>`coalesce(withdrawn_at, now())` })
        .where('id', '=', consentId)
        .where('student_id', '=', row.id)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw notFound();
      await recordAudit(ctx.tx, { tenantId: ctx.tenantId, actorUserId: ctx.user.id, action: 'withdraw', entity: 'consent', entityId: updated.id, requestId: c.get('requestId') });
      return c.json(consentJson(updated), 200);
    },
  );
  return app;
}
