// The tenant's users, for the bureau: a cursor-paginated list ordered by e-mail.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { roles } from './schema.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  after: z.string().max(254).optional(),
  role: z.enum(roles).optional(),
});

export function userRoutes(deps: Pick<AppDeps, 't'>) {
  return new Hono<AppEnv>().get('/users', requireUser('api', ['bureau_admin', 'evaluator']), async (c) => {
    const q = parseOrThrow(listQuery, c.req.query(), c.get('lang'), deps.t);
    let query = c
      .get('tx')
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'role', 'organization_id'])
      .orderBy('email')
      .limit(q.limit + 1);
    if (q.after) query = query.where('email', '>', q.after);
    if (q.role) query = query.where('role', '=', q.role);
    const rows = await query.execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json({
      items: page.map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, role: u.role, organizationId: u.organization_id })),
      nextCursor: rows.length > q.limit && last ? last.email : null,
    });
  });
}
