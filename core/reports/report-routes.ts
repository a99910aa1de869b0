// The annual report API: ask for a year's report (queued for the `report` job, or generated inline
// when this process has no queue), list them, read one's status, download its HTML or XLSX.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { localDay } from '../clock/clock.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { langs } from '../i18n/lang.ts';
import { tenantPlugins } from '../policy-engine/tenant-plugins.ts';
import { FIRST_REPORT_YEAR, findReport, generateReport, listReports, queueReport, reportContent } from './report-store.ts';

const READERS = ['bureau_admin', 'evaluator'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const requestRoute = createRoute({
  method: 'post',
  path: '/reports',
  tags: ['reports'],
  middleware: [requireUser('api', ['bureau_admin'])] as const,
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ year: z.number().int(), lang: z.enum(langs).optional() }) } } } },
  responses: {
    200: { description: 'generated now (no job queue in this process): the report, ready' },
    202: { description: 'queued for the report job; poll GET /reports/{id}' },
    422: { description: 'a year before 2015 or after next year' },
  },
});
const listRoute = createRoute({
  method: 'get', path: '/reports', tags: ['reports'], middleware: [requireUser('api', READERS)] as const,
  responses: { 200: { description: 'every stored report, newest year first, with its status' } },
});
const statusRoute = createRoute({
  method: 'get', path: '/reports/{id}', tags: ['reports'], middleware: [requireUser('api', READERS)] as const,
  request: { params: idParam },
  responses: { 200: { description: 'the report’s status: queued, ready or failed (with the error)' }, 404: { description: 'no such report' } },
});
const htmlRoute = createRoute({
  method: 'get', path: '/reports/{id}/html', tags: ['reports'], middleware: [requireUser('api', READERS)] as const,
  request: { params: idParam },
  responses: { 200: { description: 'the printable page (text/html)' }, 404: { description: 'no such report, or not ready' } },
});
const xlsxRoute = createRoute({
  method: 'get', path: '/reports/{id}/xlsx', tags: ['reports'], middleware: [requireUser('api', READERS)] as const,
  request: { params: idParam },
  responses: { 200: { description: 'the workbook (attachment)' }, 404: { description: 'no such report, or not ready' } },
});

export function reportRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'policy' | 'jobs'>) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) })
    .openapi(requestRoute, async (c) => {
      const tenant = c.get('tenant');
      const body = c.req.valid('json');
      const lang = body.lang ?? c.get('lang');
      const today = localDay(deps.clock.now(), tenant.timezone);
      const last = Number(today.slice(0, 4)) + 1;
      if (body.year < FIRST_REPORT_YEAR || body.year > last) {
        throw invalid([{ path: 'year', code: 'custom', message: deps.t(c.get('lang'), 'report.badYear', { min: FIRST_REPORT_YEAR, max: last }) }]);
      }
      const tx = c.get('tx');
      const userId = c.get('auth')!.user.id;
      const jobs = deps.jobs;
      if (jobs?.enqueueReport) {
        const queued = await queueReport(tx, tenant.id, body.year, lang, userId);
        // A job faster than this request's commit waits on the queued row's lock, then replaces it.
        await jobs.enqueueReport(tenant.id, body.year, lang);
        return c.json(queued, 202);
      }
      const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
      try {
        return c.json(await generateReport(tx, tenant, body.year, lang, { plugins, registry: deps.policy.registry, t: deps.t, today }, userId), 200);
      } catch {
        // generateReport stored the failure; answer with it rather than rolling it back.
        const failed = (await listReports(tx)).find((r) => r.year === body.year && r.lang === lang)!;
        return c.json(failed, 200);
      }
    })
    .openapi(listRoute, async (c) => c.json({ items: await listReports(c.get('tx')) }, 200))
    .openapi(statusRoute, async (c) => {
      const report = await findReport(c.get('tx'), c.req.valid('param').id);
      if (!report) throw notFound();
      return c.json(report, 200);
    })
    .openapi(htmlRoute, async (c) => {
      const row = await reportContent(c.get('tx'), c.req.valid('param').id, 'html');
      if (!row || row.status !== 'ready' || row.html === null) throw notFound();
      return c.body(row.html, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' });
    })
    .openapi(xlsxRoute, async (c) => {
      const row = await reportContent(c.get('tx'), c.req.valid('param').id, 'xlsx');
      if (!row || row.status !== 'ready' || row.xlsx === null) throw notFound();
      const name = `report-${row.year}-${row.lang}.xlsx`;
      return c.body(new Uint8Array(row.xlsx), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'private, no-store',
      });
    });
}
