// GET /talent-supply?year=YYYY: per 专业目录 major code, the students expected to graduate that
// year (supply) next to the headcount of open demand posts whose period touches that year.
// A school's own roles see their school's supply; the bureau and evaluators may pick a school.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';

const row = z.object({ majorCode: z.string(), supply: z.number().int(), demand: z.number().int() });

const route = createRoute({
  method: 'get',
  path: '/talent-supply',
  tags: ['talent-demand-posts'],
  middleware: [requireUser('api')] as const,
  request: { query: z.object({ year: z.coerce.number().int().min(1990).max(2100), schoolId: z.uuid().optional() }) },
  responses: {
    200: { description: 'supply and open demand per major code', content: { 'application/json': { schema: z.object({ year: z.number(), items: z.array(row) }) } } },
    403: { description: 'no access to talent figures' },
  },
});

export function talentSupplyRoutes(deps: Pick<AppDeps, 't'>) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) }).openapi(route, async (c) => {
    const user = c.get('auth')!.user;
    if (user.role === 'department_officer') throw forbidden();
    const { year, schoolId: asked } = c.req.valid('query');
    const school = user.role === 'school_admin' || user.role === 'teacher' ? user.organizationId : (asked ?? null);
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    const result = await sql<{ major_code: string; supply: string; demand: string }>`
      with supply as (
        select m.code as major_code, count(*) as n from students s join majors m on m.tenant_id = s.tenant_id and m.id = s.major_id
        where s.expected_graduation_year = ${year} and (${school}::uuid is null or s.school_id = ${school}::uuid)
        group by m.code),
      demand as (
        select code as major_code, sum(p.headcount) as n from talent_demand_posts p cross join unnest(p.major_codes) as code
        where p.status = 'open' and p.period_start <= ${yearEnd}::date and p.period_end >= ${yearStart}::date
        group by code)
      select major_code, coalesce(supply.n, 0)::text as supply, coalesce(demand.n, 0)::text as demand
      from supply full join demand using (major_code) order by major_code`.execute(c.get('tx'));
    return c.json({ year, items: result.rows.map((r) => ({ majorCode: r.major_code, supply: Number(r.supply), demand: Number(r.demand) })) }, 200);
  });
}
