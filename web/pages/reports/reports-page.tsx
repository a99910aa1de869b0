// The reports page: the form that asks for a year's report (bureau admin), what happened to the
// last request, and every stored report with its status and the links to open or download it.
import type { FieldIssue } from '../../../core/errors/app-error.ts';
import { langs, type Lang } from '../../../core/i18n/lang.ts';
import type { ReportSummary } from '../../../core/reports/report-store.ts';
import { Layout, type PageContext } from '../layout.tsx';

export interface ReportForm {
  year: string;
  lang: Lang;
  issues?: FieldIssue[];
}

const statusClass = { queued: 'warn', ready: 'ok', failed: 'bad' } as const;

export function ReportsPage(props: {
  ctx: PageContext;
  slug: string;
  reports: ReportSummary[];
  notice: ReportSummary | undefined;
  canGenerate: boolean;
  /** No job queue in this process: the report is generated during the request. */
  inline: boolean;
  years: { first: number; last: number };
  form: ReportForm;
  when: (iso: string | null) => string;
}) {
  const { ctx, slug, form, notice } = props;
  const base = `/t/${slug}/reports`;
  const problem = (path: string) => form.issues?.find((i) => i.path === path)?.message;
  const general = form.issues?.filter((i) => i.path !== 'year' && i.path !== 'lang') ?? [];
  const years: number[] = [];
  for (let y = props.years.last; y >= props.years.first; y--) years.push(y);
  const yearProblem = problem('year');
  return (
    <Layout ctx={ctx} title={ctx.t('reports.title')}>
      <section class="card">
        <h1>{ctx.t('reports.title')}</h1>
        <p class="muted">{ctx.t('reports.intro')}</p>
        {notice ? (
          <p class={notice.status === 'failed' ? 'error' : 'success'} role="status">
            {notice.status === 'queued'
              ? ctx.t('reports.queued', { year: notice.year })
              : notice.status === 'ready'
                ? ctx.t('reports.ready', { year: notice.year })
                : ctx.t('reports.failedNotice', { year: notice.year, error: notice.error ?? '' })}
          </p>
        ) : null}
        {props.canGenerate ? (
          <form method="post" action={base} class="form report-form" novalidate>
            {general.length > 0 ? (
              <p class="error" role="alert">
                {general.map((i) => i.message).join(' ')}
              </p>
            ) : null}
            <div class="fields">
              <div class="field">
                <label for="report-year">{ctx.t('reports.year')}</label>
                <select id="report-year" name="year" aria-invalid={yearProblem ? 'true' : undefined} aria-describedby={yearProblem ? 'report-year-error report-year-hint' : 'report-year-hint'}>
                  {years.map((y) => (
                    <option value={String(y)} selected={form.year === String(y)}>
                      {String(y)}
                    </option>
                  ))}
                  {/* A refused value stays visible next to its message. */}
                  {form.year && !years.includes(Number(form.year)) ? (
                    <option value={form.year} selected>
                      {form.year}
                    </option>
                  ) : null}
                </select>
                {yearProblem ? (
                  <p class="field-error" id="report-year-error">
                    {yearProblem}
                  </p>
                ) : null}
                <p class="muted small" id="report-year-hint">
                  {ctx.t('reports.yearHint')}
                </p>
              </div>
              <div class="field">
                <label for="report-lang">{ctx.t('reports.lang')}</label>
                <select id="report-lang" name="lang">
                  {langs.map((l) => (
                    <option value={l} selected={form.lang === l}>
                      {ctx.t(`lang.${l}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {props.inline ? <p class="muted small">{ctx.t('reports.workersPaused')}</p> : null}
            <div>
              <button type="submit" class="primary">
                {ctx.t('reports.generate')}
              </button>
            </div>
          </form>
        ) : null}
      </section>
      <section class="card" aria-labelledby="reports-list">
        <div class="title-row">
          <h2 id="reports-list">{ctx.t('reports.listTitle')}</h2>
          {props.reports.some((r) => r.status === 'queued') ? (
            <a class="button" href={base}>
              {ctx.t('reports.refresh')}
            </a>
          ) : null}
        </div>
        {props.reports.length === 0 ? (
          <p class="empty">{ctx.t(props.canGenerate ? 'reports.empty' : 'reports.emptyReader')}</p>
        ) : (
          <div class="table-wrap">
            <table class="records reports">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('reports.col.year')}</th>
                  <th scope="col">{ctx.t('reports.col.lang')}</th>
                  <th scope="col">{ctx.t('reports.col.status')}</th>
                  <th scope="col">{ctx.t('reports.col.requestedAt')}</th>
                  <th scope="col">{ctx.t('reports.col.generatedAt')}</th>
                  <th scope="col">{ctx.t('list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.reports.map((r) => (
                  <tr data-report={r.id}>
                    <td data-label={ctx.t('reports.col.year')}>{String(r.year)}</td>
                    <td data-label={ctx.t('reports.col.lang')}>{ctx.t(`lang.${r.lang}`)}</td>
                    <td data-label={ctx.t('reports.col.status')}>
                      <span class={`badge ${statusClass[r.status]}`}>{ctx.t(`reports.status.${r.status}`)}</span>
                      {r.status === 'failed' && r.error ? <span class="small muted"> {r.error}</span> : null}
                    </td>
                    <td data-label={ctx.t('reports.col.requestedAt')}>{props.when(r.requestedAt)}</td>
                    <td data-label={ctx.t('reports.col.generatedAt')}>{props.when(r.generatedAt)}</td>
                    <td data-label={ctx.t('list.actions')}>
                      {r.status === 'ready' ? (
                        <span class="actions">
                          <a href={`${base}/${r.id}/view`} class="open-report">
                            {ctx.t('reports.open')}
                          </a>
                          <a href={`${base}/${r.id}/xlsx`} class="download-report" download>
                            {ctx.t('reports.xlsx')}
                          </a>
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
