// Every work page under /t/:tenant after sign-in: the role's home, the resource pages, the
// evaluation forms, policy findings, imports and the talent demand board.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../core/http/app-env.ts';
import { requireUser } from '../../core/http/require-user.ts';
import { pageContext } from '../page-context.ts';
import { homePages } from './home/home-pages.tsx';
import { demandPages } from './demand/demand-pages.tsx';
import { importPages } from './imports/import-pages.tsx';
import { inboxPages } from './inbox/inbox-pages.tsx';
import { officerPages } from './home/officer-home.tsx';
import { reportsPages } from './reports/reports-pages.tsx';
import { partBPages } from './settings/part-b-pages.ts';
import { findingsPages } from './policy/findings-pages.tsx';
import { evaluationRefusals, internshipExtras } from './internships/internship-extras.tsx';
import { apiBridge } from './shared/api-bridge.ts';
import { attempt } from './shared/attempt.ts';
import { teacherExtras } from './teachers/teacher-extras.tsx';
import { resourcePages } from './workspace/resource-page-routes.tsx';

export function workPages(deps: AppDeps & { jobsPaused?: () => boolean }) {
  const api = apiBridge(deps);
  const ctxOf = (c: Parameters<typeof pageContext>[0]) => pageContext(c, deps.t);
  const resources = resourcePages(deps, { internships: internshipExtras(api, ctxOf), teachers: teacherExtras(api, ctxOf) });
  const app = new Hono<AppEnv>();

  app.post('/internships/:id{[0-9a-fA-F-]{36}}/evaluations/:side{school|enterprise}', requireUser('page'), async (c) => {
    const id = c.req.param('id');
    const side = c.req.param('side');
    const form = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const score = text(form.score);
    const body = {
      score: score === '' ? undefined : Number.isFinite(Number(score)) ? Number(score) : score,
      comment: text(form.comment) || null,
      ...(text(form.version) ? { version: Number(text(form.version)) } : {}),
    };
    const result = await attempt(c.get('tx'), () => api(c, 'PUT', `/internships/${id}/evaluations/${side}`, body));
    if (result.ok) return c.redirect(`/t/${c.get('tenant').slug}/internships/${id}?evaluated=1`, 303);
    if (result.error.code === 'Forbidden' || result.error.code === 'NotFound') throw result.error;
    const issues = result.error.issues.length > 0 ? result.error.issues : [{ path: '', code: result.error.code, message: deps.t(c.get('lang'), result.error.messageKey, result.error.params) }];
    evaluationRefusals.set(c, { side, issues, values: { score, comment: text(form.comment) } });
    return resources.renderRecord(c, 'internships', id, result.error.code === 'Conflict' ? 409 : 422);
  });

  app.route('/', homePages(deps, api));
  app.route('/', findingsPages(deps, api));
  app.route('/', importPages(deps, api));
  app.route('/', demandPages(deps, api));
  app.route('/', inboxPages(deps, api));
  app.route('/', officerPages(deps, api));
  app.route('/', reportsPages(deps, api));
  app.route('/', partBPages(deps, api));
  app.route('/', resources.app);
  return app;
}
