// GET /teachers/{id}/practice-summary: days of enterprise practice in the five years ending on
// `at` (default: today in the tenant's time zone), for the caller who may see the teacher.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { fiveYearWindow, practiceDays } from './practice-days.ts';
import { teacherReadScope } from './teacher-access.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const summary = z.object({
  teacherId: z.uuid(),
  at: z.iso.date(),
  windowStart: z.iso.date(),
  windowEnd: z.iso.date(),
  days: z.number().int(),
  periods: z.number().int(),
});

const route = createRoute({
  method: 'get',
  path: '/teachers/{id}/practice-summary',
  tags: ['teachers'],
  middleware: [requireUser('api')] as const,
  request: {
    params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.object({ at: z.iso.date().optional() }),
  },
  responses: {
    200: { description: 'enterprise practice days in the rolling five years', content: { 'application/json': { schema: summary } } },
    404: { description: 'no such teacher visible to the caller' },
  },
});

const today = (now: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);

export function practiceSummaryRoutes(deps: Pick<AppDeps, 't' | 'clock'>) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) }).openapi(route, async (c) => {
    const id = c.req.param('id');
    const scope = teacherReadScope(c.get('auth')!.user);
    if (scope === false || !UUID.test(id)) throw notFound();
    const tx = c.get('tx');
    let q = tx.selectFrom('teachers').select('id').where('id', '=', id);
    if (scope !== true) q = q.where('school_id', '=', scope.equals!.school_id as string);
    if (!(await q.executeTakeFirst())) throw notFound();
    const at = c.req.valid('query').at ?? today(deps.clock.now(), c.get('tenant').timezone);
    const window = fiveYearWindow(at);
    const periods = await tx
      .selectFrom('teacher_practice_periods')
      .select(['start_on', 'end_on'])
      .where('teacher_id', '=', id)
      .where('end_on', '>=', window.start)
      .where('start_on', '<=', window.end)
      .execute();
    return c.json({ teacherId: id, at, windowStart: window.start, windowEnd: window.end, days: practiceDays(periods, window), periods: periods.length }, 200);
  });
}
