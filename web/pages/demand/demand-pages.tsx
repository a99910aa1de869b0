// The talent demand board: each open post of an enterprise next to this year's graduates of the
// majors it asks for (the school's own, for school roles), and the per-major supply and demand.
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { pageContext } from '../../page-context.ts';
import { Layout } from '../layout.tsx';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { tenantToday } from '../workspace/record-forms.ts';

interface Supply {
  year: number;
  items: { majorCode: string; supply: number; demand: number }[];
}

export function demandPages(deps: AppDeps, api: ApiBridge) {
  return new Hono<AppEnv>().get('/demand', requireUser('page', ['bureau_admin', 'evaluator', 'school_admin', 'teacher', 'enterprise_mentor']), async (c) => {
    const ctx = pageContext(c, deps.t);
    const slug = c.get('tenant').slug;
    const today = tenantToday(c, deps.clock.now());
    const year = Number(c.req.query('year') ?? today.slice(0, 4));
    const { body: supply } = await api<Supply>(c, 'GET', `/talent-supply?year=${Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : today.slice(0, 4)}`);
    const byCode = new Map(supply.items.map((i) => [i.majorCode, i.supply]));
    const posts = await c
      .get('tx')
      .selectFrom('talent_demand_posts as p')
      .innerJoin('organizations as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.enterprise_id'))
      .select(['p.id', 'p.position', 'p.major_codes', 'p.headcount', sql<string>`p.period_end::text`.as('period_end'), 'o.name as enterprise'])
      .where('p.status', '=', 'open')
      .where('p.period_end', '>=', today)
      .orderBy('p.period_end')
      .limit(100)
      .execute();
    return c.html(
      <Layout ctx={ctx} title={ctx.t('demand.board')}>
        <section class="card">
          <div class="title-row">
            <h1>{ctx.t('demand.board')}</h1>
            <a class="button" href={`/t/${slug}/talent-demand-posts`}>
              {ctx.t('res.talent-demand-posts')}
            </a>
          </div>
          <p class="muted">{ctx.t('demand.intro')}</p>
        </section>
        <section class="card">
          {posts.length === 0 ? (
            <p class="empty">{ctx.t('demand.empty')}</p>
          ) : (
            <ul class="plain demand">
              {posts.map((p) => {
                const matched = p.major_codes.reduce((n, code) => n + (byCode.get(code) ?? 0), 0);
                return (
                  <li>
                    <a href={`/t/${slug}/talent-demand-posts/${p.id}`}>
                      <strong>{p.position}</strong>
                    </a>{' '}
                    · {p.enterprise} · {ctx.t('field.headcount')} {p.headcount} · {ctx.t('dashboard.due', { date: p.period_end })}
                    <br />
                    <span class={`badge ${matched >= p.headcount ? 'ok' : matched > 0 ? 'warn' : 'bad'}`}>{ctx.t('demand.matched', { count: matched })}</span>{' '}
                    <span class="muted small">{p.major_codes.join(', ')}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="supply-title">
          <h2 id="supply-title">{ctx.t('demand.graduates', { year: supply.year })}</h2>
          {supply.items.length === 0 ? (
            <p class="empty">{ctx.t('demand.noSupply')}</p>
          ) : (
            <div class="table-wrap">
              <table class="records">
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('field.code')}</th>
                    <th scope="col">{ctx.t('demand.supplyCol')}</th>
                    <th scope="col">{ctx.t('demand.demandCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {supply.items.map((i) => (
                    <tr>
                      <td data-label={ctx.t('field.code')}>{i.majorCode}</td>
                      <td data-label={ctx.t('demand.supplyCol')}>{i.supply}</td>
                      <td data-label={ctx.t('demand.demandCol')}>{i.demand}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </Layout>,
    );
  });
}
