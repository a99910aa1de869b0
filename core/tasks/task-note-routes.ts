// GET/POST /tasks/{id}/notes: progress notes of a task. A note may carry a new progress, which
// becomes the task's in the same transaction; both writes are audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit, diffFields } from '../audit/record-audit.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { findRow, findWritable, toJson, updateRecord, type WriteContext } from '../crud/resource-service.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { TaskNotesTable } from './schema.ts';
import { writeContext } from '../crud/write-context.ts';

const noteInput = z.object({ note: z.string().trim().min(1).max(4000), progress: z.number().int().min(0).max(100).optional() });
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

const noteJson = (n: { id: string; task_id: string; note: string; progress: number | null; author_user_id: string | null; created_at: Date }) => ({
  id: n.id,
  taskId: n.task_id,
  note: n.note,
  progress: n.progress,
  authorUserId: n.author_user_id,
  createdAt: n.created_at.toISOString(),
});

export function taskNoteRoutes(def: ResourceDef, deps: Pick<AppDeps, 't'>) {
  const context = (c: Context<AppEnv>): WriteContext => writeContext(c, deps.t);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });

  app.openapi(
    createRoute({ method: 'get', path: '/tasks/{id}/notes', tags: ['tasks'], middleware: [requireUser('api')] as const, request: { params: idParam }, responses: { 200: ok('the notes, oldest first'), 404: ok('no such task') } }),
    async (c) => {
      const ctx = context(c);
      const task = await findRow(def, ctx, c.req.param('id'), def.access.read(ctx.user));
      if (!task) throw notFound();
      const notes = await ctx.tx.selectFrom('task_notes').selectAll().where('task_id', '=', task.id).orderBy('created_at').orderBy('id').limit(500).execute();
      return c.json({ items: notes.map(noteJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/notes',
      tags: ['tasks'],
      middleware: [requireUser('api')] as const,
      request: { params: idParam, body: { content: { 'application/json': { schema: noteInput } }, required: true } },
      responses: { 201: ok('the note and the task as it now is'), 403: ok('may read, not write'), 404: ok('no such task'), 422: ok('invalid') },
    }),
    async (c) => {
      const ctx = context(c);
      const input = c.req.valid('json');
      let task = await findWritable(def, ctx, c.req.param('id'));
      const values: Omit<TaskNotesTable, 'id' | 'created_at'> = { tenant_id: ctx.tenantId, task_id: task.id, note: input.note, progress: input.progress ?? null, author_user_id: ctx.user.id };
      const note = await ctx.tx.insertInto('task_notes').values(values).returningAll().executeTakeFirstOrThrow();
      await recordAudit(ctx.tx, { tenantId: ctx.tenantId, actorUserId: ctx.user.id, action: 'create', entity: 'task_note', entityId: note.id, changes: diffFields(null, noteJson(note)), requestId: ctx.requestId });
      if (input.progress !== undefined && input.progress !== task.progress) task = await updateRecord(def, ctx, task.id, { progress: input.progress }, task.version ?? 1);
      return c.json({ note: noteJson(note), task: toJson(def, task, ctx) }, 201);
    },
  );
  return app;
}
