// Policy check results for the signed-in role (school roles: their school), filterable by
// status and severity, paged; bureau and school admins can run the check now.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { parseOrThrow } from '../../../core/http/validate.ts';
import { describeFinding } from '../../../core/policy-engine/describe-finding.ts';
import { countFindings, listFindings } from '../../../core/policy-engine/findings-query.ts';
import { severities } from '../../../core/policy/finding.ts';
import { pageContext } from '../../page-context.ts';
import { Layout } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';
import { FindingItem, severityClass, severityOrder } from './finding-item.tsx';

const READERS = ['bureau_admin', 'evaluator', 'department_officer', 'school_admin', 'teacher'] as const;
const EVALUATORS = new Set(['bureau_admin', 'school_admin']);
const PAGE = 20;
const query = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  severity: z.enum(severities).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const schoolOf = (c: Context<AppEnv>) => {
  const user = c.get('auth')!.user;
  return user.role === 'school_admin' || user.role === 'teacher' ? (user.organizationId ?? '00000000-0000-0000-0000-000000000000') : undefined;
};

export function findingsPages(deps: AppDeps, api: ApiBridge) {
  return new Hono<AppEnv>()
    .get('/findings', requireUser('page', READERS), async (c) => {
      const ctx = pageContext(c, deps.t);
      const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      const q = parseOrThrow(query, raw, ctx.lang, deps.t);
      const schoolId = schoolOf(c);
      const filter = { status: q.status, ...(q.severity ? { severity: q.severity } : {}), ...(schoolId ? { schoolId } : {}) };
      const tx = c.get('tx');
      const rows = await listFindings(tx, filter, { limit: PAGE + 1, offset: q.offset });
      // The banner breaks the listed set down by severity: the same status and school, every
      // severity (its badges choose one), so the chosen badge's count is the list's length.
      const { severity: _chosen, ...unnarrowed } = filter;
      const counts = await countFindings(tx, unnarrowed);
      const items = rows.slice(0, PAGE).map((r) => describeFinding(r, deps.policy.registry, ctx.lang));
      const slug = c.get('tenant').slug;
      const base = `/t/${slug}/findings`;
      const link = (extra: Record<string, string | number>) => `${base}?${new URLSearchParams(Object.fromEntries(Object.entries({ ...raw, ...extra }).map(([k, v]) => [k, String(v)]))).toString()}`;
      const evaluated = c.req.query('evaluated');
      const canEvaluate = EVALUATORS.has(c.get('auth')!.user.role);
      return c.html(
        <Layout ctx={ctx} title={ctx.t('findings.title')}>
          <section class="card">
            <div class="title-row">
              <h1>{ctx.t('findings.title')}</h1>
              {canEvaluate ? (
                <form method="post" action={`${base}/evaluate`} class="inline">
                  <button type="submit" class="button primary">
                    {ctx.t('findings.evaluateNow')}
                  </button>
                </form>
              ) : null}
            </div>
            {evaluated ? (
              <p class="success" role="status">
                {ctx.t('findings.evaluated', { open: evaluated.split(',')[0] ?? '0', resolved: evaluated.split(',')[1] ?? '0' })}
              </p>
            ) : null}
            <p class="severity-counts">
              {severityOrder.map((s) => (
                <a
                  class={`badge ${severityClass[s]}`}
                  href={link({ severity: s, offset: 0 })}
                  aria-current={q.severity === s ? 'true' : undefined}
                  data-severity={s}
                  data-count={String(counts[s])}
                >
                  {ctx.t(`severity.${s}`)} {counts[s]}
                </a>
              ))}
            </p>
            <form method="get" action={base} class="filters" role="search">
              <div class="field">
                <label for="filter-status">{ctx.t('field.status')}</label>
                <select id="filter-status" name="status">
                  {(['open', 'resolved', 'all'] as const).map((s) => (
                    <option value={s} selected={q.status === s}>
                      {ctx.t(`findings.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="filter-severity">{ctx.t('findings.severity')}</label>
                <select id="filter-severity" name="severity">
                  <option value="">{ctx.t('list.any')}</option>
                  {severityOrder.map((s) => (
                    <option value={s} selected={q.severity === s}>
                      {ctx.t(`severity.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="filter-buttons">
                <button type="submit" class="button">
                  {ctx.t('list.filter')}
                </button>
              </div>
            </form>
          </section>
          <section class="card">
            {items.length === 0 ? (
              <p class="empty">{ctx.t('findings.empty')}</p>
            ) : (
              <ul class="findings">
                {items.map((f) => (
                  <FindingItem ctx={ctx} slug={slug} finding={f} />
                ))}
              </ul>
            )}
            <nav class="pager" aria-label={ctx.t('findings.title')}>
              {q.offset > 0 ? <a href={link({ offset: 0 })}>{ctx.t('list.first')}</a> : null}
              {rows.length > PAGE ? (
                <a href={link({ offset: q.offset + PAGE })} rel="next">
                  {ctx.t('list.next')}
                </a>
              ) : null}
            </nav>
          </section>
        </Layout>,
      );
    })
    .post('/findings/evaluate', requireUser('page', ['bureau_admin', 'school_admin']), async (c) => {
      const result = await attempt(c.get('tx'), () => api<{ open: number; resolved: number }>(c, 'POST', '/evaluations', {}));
      if (!result.ok) throw result.error;
      const { open, resolved } = result.value.body;
      return c.redirect(`/t/${c.get('tenant').slug}/findings?evaluated=${open},${resolved}`, 303);
    });
}
