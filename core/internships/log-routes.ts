// Weekly logs (周记) of an internship: everyone who sees the internship reads them; the
// student's school (admin and teachers) and the assigned enterprise mentor add them.
import { hasConsent } from '../privacy/consent-checks.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { mapDbError } from '../crud/db-errors.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden, invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { findVisibleInternship } from './internship-access.ts';

const DAY_MS = 86_400_000;
const isMonday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const params = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const logInput = z.object({
  weekStart: z.iso.date().refine(isMonday, { params: { key: 'internship.weekStartMonday' } }),
  content: z.string().trim().min(1).max(5000),
  // Where the intern checked in: only with the student's (or guardian's) location consent.
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});
const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

const logJson = (row: { id: string; internship_id: string; week_start: string; content: string; author_user_id: string | null; created_at: Date; latitude: string | null; longitude: string | null }) => ({
  id: row.id,
  internshipId: row.internship_id,
  weekStart: row.week_start,
  content: row.content,
  authorUserId: row.author_user_id,
  location: row.latitude === null || row.longitude === null ? null : { latitude: Number(row.latitude), longitude: Number(row.longitude) },
  createdAt: row.created_at.toISOString(),
});

export function internshipLogRoutes(deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/internships/:id/logs', requireUser('api'));

  app.openapi(
    createRoute({ method: 'get', path: '/internships/{id}/logs', tags: ['internships'], request: { params }, responses: { 200: ok('the weekly logs, oldest first'), 404: errorResponse } }),
    async (c) => {
      const tx = c.get('tx');
      const internship = await findVisibleInternship(tx, c.get('auth')!.user, c.req.valid('param').id);
      if (!internship) throw notFound();
      const rows = await tx.selectFrom('internship_logs').selectAll().where('internship_id', '=', internship.id).orderBy('week_start').execute();
      return c.json({ items: rows.map(logJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/internships/{id}/logs',
      tags: ['internships'],
      request: { params, body: { content: { 'application/json': { schema: logInput } }, required: true } },
      responses: { 201: ok('the new log'), 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const tx = c.get('tx');
      const user = c.get('auth')!.user;
      const lang = c.get('lang');
      const internship = await findVisibleInternship(tx, user, c.req.valid('param').id);
      if (!internship) throw notFound();
      // Visibility already narrows these roles to the student's school or the assigned mentor.
      if (!['school_admin', 'teacher', 'enterprise_mentor'].includes(user.role)) throw forbidden();
      const input = c.req.valid('json');
      // A week counts when it overlaps the internship: it may start up to six days before it.
      if (input.weekStart > internship.end_on || input.weekStart < addDays(internship.start_on, -6))
        throw invalid([{ path: 'weekStart', code: 'custom', message: deps.t(lang, 'internship.weekOutside') }]);
      if (input.location && !(await hasConsent(tx, internship.student_id, 'location', input.weekStart, true)))
        throw invalid([{ path: 'location', code: 'consent', message: deps.t(lang, 'privacy.locationConsentMissing') }], 'privacy.locationConsentMissing');
      const row = await tx
        .insertInto('internship_logs')
        .values({
          tenant_id: internship.tenant_id,
          internship_id: internship.id,
          week_start: input.weekStart,
          content: input.content,
          author_user_id: user.id,
          latitude: input.location ? String(input.location.latitude) : null,
          longitude: input.location ? String(input.location.longitude) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => mapDbError(e, 'internship_logs', { reference: deps.t(lang, 'error.reference'), check: deps.t(lang, 'error.check') }));
      const json = logJson(row);
      await recordAudit(tx, {
        tenantId: internship.tenant_id,
        actorUserId: user.id,
        action: 'create',
        entity: 'internship_log',
        entityId: row.id,
        changes: diffFields(null, json),
        requestId: c.get('requestId'),
      });
      return c.json(json, 201);
    },
  );
  return app;
}
