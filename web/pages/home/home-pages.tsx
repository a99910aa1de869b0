// /t/:tenant — each role's home: the bureau's dashboard, a school's workspace, a mentor's
// interns, an officer's tasks, the platform operator's regions and queues.
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { countFindings } from '../../../core/policy-engine/findings-query.ts';
import { pageContext } from '../../page-context.ts';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';
import { dashboardData } from '../dashboard/dashboard-data.ts';
import { DashboardPage } from '../dashboard/dashboard-page.tsx';
import { tenantToday } from '../workspace/record-forms.ts';
import { MentorHome, mentorInterns } from './mentor-home.tsx';
import { OfficerHome, officerTasks } from './officer-home.tsx';
import { OperatorHome } from './operator-home.tsx';
import { SchoolHome, schoolHomeData } from './school-home.tsx';

export function homePages(deps: AppDeps & { jobsPaused?: () => boolean }, api: ApiBridge) {
  const banner = () => (deps.jobsPaused?.() ? ('banner.jobsPaused' as const) : undefined);

  const bureau = async (c: Context<AppEnv>) => {
    const ctx = pageContext(c, deps.t, banner());
    const data = await dashboardData(c.get('tx'), c.get('tenant').id, deps.policy.registry, ctx.lang, tenantToday(c, deps.clock.now()));
    return c.html(<DashboardPage ctx={ctx} slug={c.get('tenant').slug} data={data} />);
  };

  return new Hono<AppEnv>()
    // The daily roll-up, on demand: the bureau sees today's figures without waiting for the night.
    .post('/rollup', requireUser('page', ['bureau_admin']), async (c) => {
      const result = await attempt(c.get('tx'), () => api(c, 'POST', '/rollups', {}));
      if (!result.ok) throw result.error;
      return c.redirect(`/t/${c.get('tenant').slug}?rolledUp=1`, 303);
    })
    .get('/', requireUser('page'), async (c) => {
    const user = c.get('auth')!.user;
    const slug = c.get('tenant').slug;
    const ctx = pageContext(c, deps.t);
    const today = tenantToday(c, deps.clock.now());
    switch (user.role) {
      case 'bureau_admin':
      case 'evaluator':
        return bureau(c);
      case 'school_admin':
      case 'teacher': {
        const data = await schoolHomeData(c.get('tx'), user.organizationId, today);
        const counts = await countFindings(c.get('tx'), { status: 'open', schoolId: user.organizationId ?? '00000000-0000-0000-0000-000000000000' });
        data.openFindings = counts.violation + counts.warning + counts.info;
        return c.html(<SchoolHome ctx={ctx} slug={slug} userName={user.displayName} data={data} />);
      }
      case 'enterprise_mentor':
        return c.html(<MentorHome ctx={ctx} slug={slug} userName={user.displayName} interns={await mentorInterns(c.get('tx'), user.id)} />);
      case 'department_officer':
        return c.html(<OfficerHome ctx={ctx} slug={slug} tasks={await officerTasks(c, deps)} saved={c.req.query('saved')} />);
      case 'platform_operator': {
        // Through the request's transaction: on the embedded database's one connection a query
        // outside it (the tenant directory) would wait for it forever.
        const rows = await c.get('tx').selectFrom('tenants').selectAll().where('kind', '<>', 'platform').orderBy('slug').execute();
        const tenants = rows.map((t) => ({
          slug: t.slug,
          name: ctx.lang === 'en' ? t.name_en : t.name_zh,
          kind: deps.t(ctx.lang, `tenantKind.${t.kind}`),
          plugins: (Array.isArray(t.plugins) ? (t.plugins as { id?: string }[]) : []).map((p) => p.id ?? '').filter(Boolean),
        }));
        const queues = deps.jobs ? await deps.jobs.stats().catch(() => null) : null;
        return c.html(<OperatorHome ctx={pageContext(c, deps.t, banner())} tenants={tenants} queues={queues} />);
      }
      default:
        return c.html(<SchoolHome ctx={ctx} slug={slug} userName={user.displayName} data={await schoolHomeData(c.get('tx'), null, today)} />);
    }
  });
}
