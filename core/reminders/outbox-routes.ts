// The bureau admin's view of the outbox: GET /reminders (by status, newest change first, with
// each external delivery and its error) and POST /reminders/{id}/retry for a failed one, which
// resets it to pending and queues its delivery job to run just after the request commits.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { decodeCursor, encodeCursor } from '../crud/cursor.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { AppError, conflict, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { reminderStatuses } from './schema.ts';

const listQuery = z.object({
  status: z.enum(reminderStatuses).default('failed'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const json = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
const RETRY_DELAY_MS = 2_000;

export function outboxRoutes(deps: Pick<AppDeps, 't' | 'db' | 'jobs' | 'log'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });

  app.openapi(
    createRoute({ method: 'get', path: '/reminders', tags: ['reminders'], middleware: [requireUser('api', ['bureau_admin'])] as const, request: { query: listQuery }, responses: { 200: json('reminders in that status'), 403: json('bureau admins only') } }),
    async (c) => {
      const { status, limit, cursor } = c.req.valid('query');
      const tx = c.get('tx');
      const after = cursor ? decodeCursor(cursor, `updated_at:${status}`) : undefined;
      if (cursor && !after) throw new AppError('Invalid', 'error.cursor');
      let q = tx.selectFrom('reminders').selectAll().where('status', '=', status);
      if (after) q = q.where(sql<boolean>`(updated_at, id) < (${String(after.value)}::timestamptz, ${after.id}::uuid)`);
      const rows = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const deliveries = page.length
        ? await tx.selectFrom('reminder_deliveries').select(['reminder_id', 'channel', 'target', 'status', 'attempts', 'last_error', 'sent_at']).where('reminder_id', 'in', page.map((r) => r.id)).execute()
        : [];
      const last = page.at(-1);
      return c.json(
        {
          items: page.map((r) => ({
            id: r.id,
            pluginId: r.plugin_id,
            reminderKey: r.reminder_id,
            kind: r.kind,
            title: r.title,
            clause: r.clause,
            period: r.period,
            dueOn: r.due_on,
            subject: { type: r.subject_type, id: r.subject_id },
            status: r.status,
            attempts: r.attempts,
            lastError: r.last_error,
            createdAt: r.created_at.toISOString(),
            updatedAt: r.updated_at.toISOString(),
            sentAt: r.sent_at?.toISOString() ?? null,
            deliveries: deliveries
              .filter((d) => d.reminder_id === r.id)
              .map((d) => ({ channel: d.channel, target: d.target, status: d.status, attempts: d.attempts, lastError: d.last_error, sentAt: d.sent_at?.toISOString() ?? null })),
          })),
          nextCursor: rows.length > limit && last ? encodeCursor(`updated_at:${status}`, last.updated_at, last.id) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reminders/{id}/retry',
      tags: ['reminders'],
      middleware: [requireUser('api', ['bureau_admin'])] as const,
      request: { params: idParam },
      responses: { 202: json('queued again'), 403: json('bureau admins only'), 404: json('no such reminder'), 409: json('not failed') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const tenant = c.get('tenant');
      const auth = c.get('auth')!;
      const tx = c.get('tx');
      const row = await tx.selectFrom('reminders').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound();
      if (row.status !== 'failed') throw conflict('error.reminderNotFailed');
      await tx.updateTable('reminders').set({ status: 'pending', attempts: 0, last_error: null, claimed_until: null, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
      await tx.updateTable('reminder_deliveries').set({ status: 'pending', attempts: 0 }).where('reminder_id', '=', id).where('status', '=', 'failed').execute();
      await recordAudit(tx, { tenantId: tenant.id, actorUserId: auth.user.id, action: 'retry', entity: 'reminder', entityId: id, changes: { status: { before: 'failed', after: 'pending' } }, requestId: c.get('requestId') });
      let queued = false;
      if (deps.jobs) {
        try {
          // Delayed past this request's commit; a job that still came too early finds the row
          // failed and does nothing, and reconciliation queues it again within minutes.
          await deps.jobs.enqueueDeliveries(tenant.id, [id], { delayMs: RETRY_DELAY_MS });
          queued = true;
        } catch (error) {
          // The row is pending: reconciliation queues it once Redis answers again.
          deps.log.warn({ err: error, reminderId: id }, 'could not queue a retried reminder');
        }
      }
      return c.json({ id, status: 'pending', queued }, 202);
    },
  );
  return app;
}
