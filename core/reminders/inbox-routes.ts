// The in-app inbox of the signed-in user: GET /inbox (newest first, cursor paging, `unread`
// filter, unread count), POST /inbox/{id}/read and POST /inbox/read-all. Only one's own rows.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { decodeCursor, encodeCursor } from '../crud/cursor.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  unread: z.enum(['1', 'true', '0', 'false']).optional(),
});
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const json = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

export function inboxRoutes(deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });

  app.openapi(
    createRoute({ method: 'get', path: '/inbox', tags: ['inbox'], middleware: [requireUser('api')] as const, request: { query: listQuery }, responses: { 200: json('my notifications, newest first') } }),
    async (c) => {
      const { limit, cursor, unread } = c.req.valid('query');
      const tx = c.get('tx');
      const me = c.get('auth')!.user.id;
      const after = cursor ? decodeCursor(cursor, 'created_at') : undefined;
      if (cursor && !after) throw new AppError('Invalid', 'error.cursor');
      let q = tx
        .selectFrom('notifications as n')
        .innerJoin('reminders as r', (j) => j.onRef('r.tenant_id', '=', 'n.tenant_id').onRef('r.id', '=', 'n.reminder_id'))
        .select(['n.id', 'n.created_at', 'n.read_at', 'r.id as reminder_row_id', 'r.plugin_id', 'r.reminder_id', 'r.title', 'r.clause', 'r.period', 'r.due_on', 'r.subject_type', 'r.subject_id'])
        .where('n.user_id', '=', me);
      if (unread === '1' || unread === 'true') q = q.where('n.read_at', 'is', null);
      if (after) q = q.where(sql<boolean>`(n.created_at, n.id) < (${String(after.value)}::timestamptz, ${after.id}::uuid)`);
      const rows = await q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const unreadCount = await tx.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', me).where('read_at', 'is', null).executeTakeFirstOrThrow();
      const last = page.at(-1);
      return c.json(
        {
          items: page.map((r) => ({
            id: r.id,
            reminderId: r.reminder_row_id,
            pluginId: r.plugin_id,
            reminderKey: r.reminder_id,
            title: r.title,
            clause: r.clause,
            period: r.period,
            dueOn: r.due_on,
            subject: { type: r.subject_type, id: r.subject_id },
            createdAt: r.created_at.toISOString(),
            readAt: r.read_at?.toISOString() ?? null,
          })),
          nextCursor: rows.length > limit && last ? encodeCursor('created_at', last.created_at, last.id) : null,
          unreadCount: Number(unreadCount.n),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/inbox/{id}/read', tags: ['inbox'], middleware: [requireUser('api')] as const, request: { params: idParam }, responses: { 200: json('marked read'), 404: json('not one of mine') } }),
    async (c) => {
      const row = await c
        .get('tx')
        .updateTable('notifications')
        .set({ read_at: sql<Date>`coalesce(read_at, now())` })
        .where('id', '=', c.req.valid('param').id)
        .where('user_id', '=', c.get('auth')!.user.id)
        .returning(['id', 'read_at'])
        .executeTakeFirst();
      if (!row) throw notFound();
      return c.json({ id: row.id, readAt: row.read_at?.toISOString() ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/inbox/read-all', tags: ['inbox'], middleware: [requireUser('api')] as const, responses: { 200: json('how many were marked read') } }),
    async (c) => {
      const result = await c.get('tx').updateTable('notifications').set({ read_at: sql<Date>`now()` }).where('user_id', '=', c.get('auth')!.user.id).where('read_at', 'is', null).executeTakeFirst();
      return c.json({ marked: Number(result.numUpdatedRows) }, 200);
    },
  );
  return app;
}
