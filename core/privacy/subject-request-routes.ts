// POST /students/{id}/data-requests: export (a JSON file), correct (fields, with the version) or
// delete (with what is kept by law), each with its reason, recorded and audited. Only those who
// may unmask the student's data may act for the student, and only after a fresh sign-in.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recordAudit } from '../audit/record-audit.ts';
import { findRow, updateRecord } from '../crud/resource-service.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { writeContext } from '../crud/write-context.ts';
import { forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { mayUnmask, studentReadScope } from '../students/student-access.ts';
import { studentInput } from '../students/student-input.ts';
import { requireFreshAuth } from './fresh-auth.ts';
import { eraseStudent, RETAINED_ON_DELETE, studentDataExport } from './subject-requests.ts';

const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const reason = z.string().trim().min(2).max(500);
export const subjectRequestInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('export'), reason }),
  z.object({ kind: z.literal('correct'), reason, version: z.number().int().positive(), changes: studentInput.omit({ schoolId: true }).partial().strict() }),
  z.object({ kind: z.literal('delete'), reason }),
]);

export function subjectRequestRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'config'>, students: ResourceDef) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/students/:id/data-requests', requireUser('api'));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/students/{id}/data-requests',
      tags: ['students'],
      request: {
        params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }),
        body: { content: { 'application/json': { schema: subjectRequestInput } }, required: true },
      },
      responses: {
        200: { description: 'export: the file; correct: the student; delete: what was removed and kept', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
        422: errorResponse,
      },
    }),
    async (c) => {
      const ctx = writeContext(c, deps.t);
      const auth = c.get('auth')!;
      const student = await findRow(students, ctx, c.req.valid('param').id, studentReadScope(ctx.user));
      if (!student) throw notFound();
      if (!mayUnmask(ctx.user, student.school_id)) throw forbidden('privacy.unmaskForbidden');
      await requireFreshAuth(ctx.tx, auth.id, deps.clock.now());
      const input = c.req.valid('json');
      const record = (fields: string[], retained: unknown[] = []) =>
        ctx.tx
          .insertInto('data_subject_requests')
          .values({ tenant_id: ctx.tenantId, student_id: student.id, kind: input.kind, reason: input.reason, fields, retained: JSON.stringify(retained), handled_by: ctx.user.id })
          .returning(['id', 'created_at'])
          .executeTakeFirstOrThrow();
      const audit = (action: string, requestId: string, fields: string[]) =>
        recordAudit(ctx.tx, {
          tenantId: ctx.tenantId,
          actorUserId: ctx.user.id,
          action,
          entity: 'student',
          entityId: student.id,
          changes: { dataSubjectRequest: { before: null, after: requestId }, ...Object.fromEntries(fields.map((f) => [f, { before: null, after: '[handled]' }])) },
          requestId: ctx.requestId,
        });

      if (input.kind === 'export') {
        const request = await record(['all']);
        await audit('subject_export', request.id, ['idNumber', 'phone']);
        const file = { requestId: request.id, exportedAt: request.created_at.toISOString(), ...(await studentDataExport(ctx.tx, deps.config.pii, student)) };
        c.header('Content-Disposition', `attachment; filename="student-${student.id}.json"`);
        return c.json(file, 200);
      }
      if (input.kind === 'correct') {
        const fields = Object.keys(input.changes);
        const row = await updateRecord(students, ctx, student.id, input.changes, input.version);
        const request = await record(fields);
        await audit('subject_correct', request.id, []);
        return c.json({ requestId: request.id, id: row.id, version: row.version ?? null, fields }, 200);
      }
      const removed = await eraseStudent(ctx.tx, deps.config.pii, ctx.tenantId, student.id);
      const request = await record(removed.studentFields, [...RETAINED_ON_DELETE]);
      await audit('subject_delete', request.id, []);
      return c.json({ requestId: request.id, removed, retained: RETAINED_ON_DELETE.map((r) => ({ data: r.data, basis: r.basis })) }, 200);
    },
  );
  return app;
}
