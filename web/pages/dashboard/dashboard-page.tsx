// The bureau's dashboard: targets against their deadlines (red/amber/green), open findings by
// severity with "why?", tasks by responsible unit (overdue first), reminders, schools compared.
import { createHash } from 'node:crypto';
import { raw } from 'hono/html';
import { Layout, type PageContext } from '../layout.tsx';
import { FindingItem, severityClass, severityOrder } from '../policy/finding-item.tsx';
import { barChartSvg } from './charts.ts';
import { schoolMetrics, type DashboardData, type TaskRow } from './dashboard-data.ts';

const pct = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 1000) / 10);

type DashboardProps = { ctx: PageContext; slug: string; data: DashboardData };

// Pages drawn lately, by a digest of everything the page is drawn from (the data read for this
// view and the page context: tenant, language, path, user's role and name, banner): the same
// figures give the same page, so a view whose reads found nothing new skips building and
// serialising ~2,300 elements (≈ 1.3 ms). The reads themselves run on every view. Most recent
// few kept, oldest forgotten first.
const drawnPages = new Map<string, string>();
const REMEMBERED_PAGES = 32;

export function DashboardPage(props: DashboardProps) {
  const { ctx } = props;
  // Every field of the page context (a field added later included, so it can never be served
  // stale); JSON leaves out ctx.t, translate(ctx.lang, …) over static catalogues, which the
  // language stands for.
  const key = createHash('sha256').update(JSON.stringify([ctx, props.slug, props.data])).digest('base64');
  const known = drawnPages.get(key);
  if (known !== undefined) {
    // Most recently used last: the oldest is forgotten first.
    drawnPages.delete(key);
    drawnPages.set(key, known);
    return raw(known);
  }
  const page = drawDashboard(props);
  if (page instanceof Promise) return page;
  // A tree of synchronous components renders to a string; anything else is served as it is.
  const html: unknown = page.toString();
  if (typeof html !== 'string') return page;
  if (drawnPages.size >= REMEMBERED_PAGES) drawnPages.delete(drawnPages.keys().next().value!);
  drawnPages.set(key, html);
  return raw(html);
}

function drawDashboard(props: DashboardProps) {
  const { ctx, data, slug } = props;
  const groups = new Map<string, TaskRow[]>();
  for (const task of data.tasks) {
    const unit = task.unit ?? ctx.t('dashboard.unitNone');
    groups.set(unit, [...(groups.get(unit) ?? []), task]);
  }
  const units = [...groups.entries()].sort((a, b) => b[1].filter((t) => t.overdue).length - a[1].filter((t) => t.overdue).length);
  const metricLabel: Record<(typeof schoolMetrics)[number], string> = {
    'internships.count': ctx.t('dashboard.internships'),
    'internships.insured.ratio': ctx.t('dashboard.insuredRatio'),
    'internships.dualEvaluated.ratio': ctx.t('dashboard.evaluatedRatio'),
    'agreements.active': ctx.t('dashboard.agreements'),
    'enterprises.withActiveAgreement': ctx.t('dashboard.partners'),
  };
  const withData = data.schools.filter((s) => Object.keys(s.values).length > 0);
  const chart =
    withData.length > 0
      ? barChartSvg({
          categories: withData.map((s) => s.name),
          series: [
            { name: metricLabel['internships.insured.ratio'], data: withData.map((s) => pct(s.values['internships.insured.ratio']) ?? null) },
            { name: metricLabel['internships.dualEvaluated.ratio'], data: withData.map((s) => pct(s.values['internships.dualEvaluated.ratio']) ?? null) },
          ],
          percent: true,
        })
      : undefined;
  return (
    <Layout ctx={ctx} title={ctx.t('dashboard.title')}>
      <h1 class="page-title">{ctx.t('dashboard.title')}</h1>
      <section class="card" aria-labelledby="targets-title">
        <div class="title-row">
          <h2 id="targets-title">{ctx.t('dashboard.targets')}</h2>
          <form method="post" action={`/t/${slug}/rollup`} class="inline">
            <button type="submit" class="button">
              {ctx.t('dashboard.rollup')}
            </button>
          </form>
        </div>
        {data.targets.length === 0 ? (
          <p class="empty">{ctx.t('dashboard.noTargets')}</p>
        ) : (
          <ul class="targets">
            {data.targets.map((t) => {
              const share = t.goal === 0 ? 100 : Math.max(0, Math.min(100, (t.value / t.goal) * 100));
              return (
                <li class={`target rag-${t.status}`} data-target={t.targetId}>
                  <div class="target-head">
                    <span class={`badge rag ${t.status}`}>{ctx.t(`rag.${t.status}`)}</span> <strong>{t.title}</strong>
                    {t.deadline ? <span class="muted small"> · {ctx.t('dashboard.due', { date: t.deadline })}</span> : null}
                  </div>
                  <meter class={`rag-${t.status}`} min={0} max={100} low={t.comparison === 'at-least' ? 60 : undefined} optimum={100} value={share} aria-label={t.title} />
                  <p class="muted small">{ctx.t('dashboard.goal', { goal: t.goal, value: round(t.value), expected: round(t.expected) })}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="findings-title">
          <h2 id="findings-title">{ctx.t('dashboard.findings')}</h2>
          <p class="severity-counts">
            {severityOrder.map((s) => (
              <a class={`badge big ${severityClass[s]}`} href={`/t/${slug}/findings?severity=${s}`}>
                {ctx.t(`severity.${s}`)} <strong>{data.counts[s]}</strong>
              </a>
            ))}
          </p>
          {data.topFindings.length === 0 ? (
            <p class="empty">{ctx.t('findings.empty')}</p>
          ) : (
            <ul class="findings">
              {data.topFindings.map((f) => (
                <FindingItem ctx={ctx} slug={slug} finding={f} />
              ))}
            </ul>
          )}
          <p>
            <a href={`/t/${slug}/findings`}>{ctx.t('dashboard.allFindings')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="reminders-title">
          <h2 id="reminders-title">{ctx.t('dashboard.reminders')}</h2>
          {data.reminders.length === 0 ? (
            <p class="empty">{ctx.t('dashboard.noReminders')}</p>
          ) : (
            <ul class="plain">
              {data.reminders.map((r) => (
                <li>
                  {r.title} {r.dueOn ? <span class="muted small">· {ctx.t('dashboard.due', { date: r.dueOn })}</span> : null}
                  <br />
                  <span class="muted small">{r.clause}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section class="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{ctx.t('dashboard.tasks')}</h2>
        {units.length === 0 ? (
          <p class="empty">{ctx.t('dashboard.noTasks')}</p>
        ) : (
          units.map(([unit, tasks]) => (
            <div class="unit">
              <h3>
                {unit} <span class="muted small">({tasks.length})</span>
              </h3>
              <ul class="plain">
                {tasks.map((t) => (
                  <li>
                    <a href={`/t/${slug}/tasks/${t.id}`}>{t.title}</a>{' '}
                    {t.overdue ? <span class="badge bad">{ctx.t('task.overdue')}</span> : null}{' '}
                    {t.dueOn ? <span class="muted small">{ctx.t('dashboard.due', { date: t.dueOn })}</span> : null}{' '}
                    <meter min={0} max={100} value={t.progress} aria-label={`${t.progress}%`} /> <span class="small">{t.progress}%</span>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
      <section class="card" aria-labelledby="schools-title">
        <h2 id="schools-title">{ctx.t('dashboard.schools')}</h2>
        {data.schools.length === 0 ? (
          <p class="empty">{ctx.t('dashboard.noSchools')}</p>
        ) : (
          <>
            {chart ? (
              <figure class="chart-box">
                {raw(chart)}
                <figcaption class="muted small">{ctx.t('dashboard.chart')}</figcaption>
              </figure>
            ) : (
              <p class="empty">{ctx.t('dashboard.noSnapshots')}</p>
            )}
            <div class="table-wrap">
              <table class="records">
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('field.schoolId')}</th>
                    {schoolMetrics.map((m) => (
                      <th scope="col">{metricLabel[m]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.schools.map((s) => (
                    <tr>
                      <td data-label={ctx.t('field.schoolId')}>
                        <a href={`/t/${slug}/organizations/${s.id}`}>{s.name}</a>
                      </td>
                      {schoolMetrics.map((m) => {
                        const v = s.values[m];
                        return <td data-label={metricLabel[m]}>{v === undefined ? '—' : m.endsWith('.ratio') ? `${pct(v)}%` : String(v)}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Layout>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;
