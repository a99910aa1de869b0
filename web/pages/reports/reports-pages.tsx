// The annual 产教融合效能评价 report for the bureau: ask for a year (queued for the report job, or
// generated while the bureau waits when this process has no job queue), see every stored report
// with its status, open the printable view, download the workbook. The request goes through the
// JSON reports API in-process, so the year check, the queueing and the audit are the API's own.
import { Hono, type Context } from 'hono';
import { localDay } from '../../../core/clock/clock.ts';
import { notFound } from '../../../core/errors/app-error.ts';
import type { AppDeps, AppEnv } from '../../../core/http/app-env.ts';
import { requireUser } from '../../../core/http/require-user.ts';
import { isLang } from '../../../core/i18n/lang.ts';
import { FIRST_REPORT_YEAR, listReports, reportContent, type ReportSummary } from '../../../core/reports/report-store.ts';
import { pageContext } from '../../page-context.ts';
import type { ApiBridge } from '../shared/api-bridge.ts';
import { attempt } from '../shared/attempt.ts';
import { ReportsPage, type ReportForm } from './reports-page.tsx';
import { printableReport, reportStyles } from './printable-report.ts';

const READERS = ['bureau_admin', 'evaluator'] as const;

export function reportsPages(deps: AppDeps & { jobsPaused?: () => boolean }, api: ApiBridge) {
  const render = async (c: Context<AppEnv>, form: ReportForm, status: 200 | 422 = 200) => {
    const ctx = pageContext(c, deps.t);
    const tenant = c.get('tenant');
    const thisYear = Number(localDay(deps.clock.now(), tenant.timezone).slice(0, 4));
    const reports = await listReports(c.get('tx'));
    const requested = c.req.query('requested');
    const notice = requested ? reports.find((r) => r.id === requested) : undefined;
    const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: tenant.timezone, dateStyle: 'short', timeStyle: 'short' });
    return c.html(
      <ReportsPage
        ctx={ctx}
        slug={tenant.slug}
        reports={reports}
        notice={notice}
        canGenerate={c.get('auth')!.user.role === 'bureau_admin'}
        inline={!deps.jobs?.enqueueReport}
        years={{ first: FIRST_REPORT_YEAR, last: thisYear + 1 }}
        form={form.year ? form : { ...form, year: String(thisYear - 1) }}
        when={(d) => (d ? clock.format(new Date(d)) : '—')}
      />,
      status,
    );
  };

  /** A ready report of this tenant, or 404: the tenant's transaction only sees its own rows. */
  const readyHtml = async (c: Context<AppEnv>) => {
    const row = await reportContent(c.get('tx'), c.req.param('id')!, 'html');
    if (!row || row.status !== 'ready' || row.html === null) throw notFound();
    return row.html;
  };
  const ID = ':id{[0-9a-fA-F-]{36}}';

  return new Hono<AppEnv>()
    .get('/reports', requireUser('page', READERS), (c) => render(c, { year: '', lang: c.get('lang') }))
    .post('/reports', requireUser('page', ['bureau_admin']), async (c) => {
      const form = await c.req.parseBody();
      const year = typeof form.year === 'string' ? form.year.trim() : '';
      const lang = typeof form.lang === 'string' && isLang(form.lang) ? form.lang : c.get('lang');
      const body = { year: /^\d{1,6}$/.test(year) ? Number(year) : year, lang };
      const result = await attempt(c.get('tx'), () => api<ReportSummary>(c, 'POST', '/reports', body));
      if (result.ok) return c.redirect(`/t/${c.get('tenant').slug}/reports?requested=${result.value.body.id}`, 303);
      if (result.error.code !== 'Invalid') throw result.error;
      return render(c, { year, lang, issues: result.error.issues }, 422);
    })
    .get(`/reports/${ID}/view`, requireUser('page', READERS), async (c) => {
      const html = await readyHtml(c);
      const ctx = pageContext(c, deps.t);
      const slug = c.get('tenant').slug;
      return c.html(printableReport(html, { slug, id: c.req.param('id'), t: ctx.t, nonce: c.get('secureHeadersNonce') }));
    })
    .get(`/reports/${ID}/report.css`, requireUser('page', READERS), async (c) => {
      return c.body(reportStyles(await readyHtml(c)), 200, { 'content-type': 'text/css; charset=utf-8' });
    })
    .get(`/reports/${ID}/xlsx`, requireUser('page', READERS), async (c) => {
      // The API's own download (404 unless ready), so the file name and headers stay one definition.
      const { response } = await api(c, 'GET', `/reports/${c.req.param('id')}/xlsx`);
      return response;
    });
}
