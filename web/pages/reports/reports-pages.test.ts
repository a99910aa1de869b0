// Specification of the reports page: the bureau asks for a year's report and, without a job queue,
// gets it at once; with one, sees it queued; a bad year is refused next to the field and stores
// nothing; a ready report opens as a printable page that works under the app's CSP (stylesheet,
// no inline styles) and downloads as a workbook; the evaluator reads, other roles get nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import type { JobControl } from '../../../core/observability/job-control.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../../test/support/factories.ts';
import { pageClient, type PageClient } from '../../../test/support/page-client.ts';
import { makeTestApp } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  // Today is 2026-03-01 in the test clock: years 2015 to 2027 may be asked for.
  app = makeTestApp(db).app;
  const made = await makeTenant(db);
  tenant = await db.updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'xpcc12-2020', config: {} }]) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
});
afterAll(() => tdb.drop());

const storedReports = () => withTenant(db, tenant.id, (tx) => tx.selectFrom('reports').select(['id', 'year', 'status']).execute());

describe('the reports page without a job queue', () => {
  let bureau: PageClient;
  let reportId = '';
  beforeAll(async () => {
    bureau = await pageClient(app, db, tenant, { role: 'bureau_admin' });
  });

  it('shows an empty list that says what to do, and a form defaulting to last year', async () => {
    const page = await bureau.get('/reports');
    expect(page.status).toBe(200);
    expect(page.html).toContain('还没有报告。选择年度后点击“生成报告”');
    expect(page.html).toMatch(/<option value="2025" selected="">2025<\/option>/);
    expect(page.html).toContain('<option value="2027">');
    expect(page.html).not.toContain('<option value="2014">');
    expect(page.html).toContain('报告会在提交时直接生成');
    expect(page.html).toMatch(new RegExp(`<a href="/t/${tenant.slug}/reports" aria-current="page">年度报告</a>`));
  });

  it('refuses a year out of range next to the field, keeping the value, and stores nothing', async () => {
    const res = await bureau.post('/reports', { year: '2014', lang: 'zh-CN' });
    expect(res.status).toBe(422);
    expect(res.html).toMatch(/<select id="report-year" name="year" aria-invalid="true"/);
    expect(res.html).toMatch(/<p class="field-error" id="report-year-error">年度须在 2015 至 2027 之间。<\/p>/);
    expect(res.html).toMatch(/<option value="2014" selected="">/);
    expect(await storedReports()).toEqual([]);
  });

  it('generates the report at once and lists it ready, with its printable view and workbook', async () => {
    const res = await bureau.post('/reports', { year: '2025', lang: 'zh-CN' });
    expect(res.status).toBe(303);
    reportId = /requested=([0-9a-f-]{36})/.exec(res.location ?? '')![1]!;
    const page = await bureau.get(`/reports?requested=${reportId}`);
    expect(page.html).toContain('2025 年度报告已生成。');
    expect(page.html).toMatch(/<span class="badge ok">已生成<\/span>/);
    expect(page.html).toContain(`href="/t/${tenant.slug}/reports/${reportId}/view"`);
    expect(page.html).toContain(`href="/t/${tenant.slug}/reports/${reportId}/xlsx"`);
    expect(await storedReports()).toEqual([{ id: reportId, year: 2025, status: 'ready' }]);
  });

  it('opens the printable view with its styles as a stylesheet and no inline style the CSP would block', async () => {
    const view = await bureau.get(`/reports/${reportId}/view`);
    expect(view.status).toBe(200);
    const csp = view.response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("style-src 'self'");
    expect(view.html).toContain('2025 年度产教融合效能评价报告');
    expect(view.html).toContain(`<link rel="stylesheet" href="/t/${tenant.slug}/reports/${reportId}/report.css">`);
    expect(view.html).not.toMatch(/<style\b/);
    expect(view.html).not.toMatch(/\sstyle="/);
    expect(view.html).toContain('<svg');
    expect(view.html).toContain('返回报告列表');
    // The print button's script carries this response's nonce, which the CSP allows.
    const nonce = /<script nonce="([^"]+)">/.exec(view.html)?.[1];
    expect(csp).toContain(`'nonce-${nonce}'`);

    const css = await bureau.get(`/reports/${reportId}/report.css`);
    expect(css.response.headers.get('content-type')).toContain('text/css');
    expect(css.html).toContain('@page');
    expect(css.html).toContain('.toolbar');
  });

  it('downloads the workbook', async () => {
    const res = await bureau.get(`/reports/${reportId}/xlsx`);
    expect(res.status).toBe(200);
    expect(res.response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.response.headers.get('content-disposition')).toContain('report-2025-zh-CN.xlsx');
    const bytes = new Uint8Array(await res.response.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });

  it('lets the evaluator read but not generate, and keeps other roles and other tenants out', async () => {
    const evaluator = await pageClient(app, db, tenant, { role: 'evaluator' });
    const page = await evaluator.get('/reports');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/reports/${reportId}/view`);
    expect(page.html).not.toContain(`action="/t/${tenant.slug}/reports"`);
    expect((await evaluator.post('/reports', { year: '2025' })).status).toBe(403);

    const school = await makeOrganization(db, tenant, 'school');
    const schoolAdmin = await pageClient(app, db, tenant, { role: 'school_admin', organizationId: school.id });
    expect((await schoolAdmin.get('/reports')).status).toBe(403);
    expect((await schoolAdmin.get(`/reports/${reportId}/view`)).status).toBe(403);

    const elsewhere = await pageClient(app, db, await makeTenant(db), { role: 'bureau_admin' });
    expect((await elsewhere.get(`/reports/${reportId}/view`)).status).toBe(404);
    expect((await elsewhere.get(`/reports/${reportId}/xlsx`)).status).toBe(404);
  });
});

describe('the reports page with a job queue', () => {
  it('queues the request, shows it as generating with a reload link, and opens nothing until it is ready', async () => {
    const queued: [string, number, string][] = [];
    const jobs = {
      enqueueReport: async (tenantId: string, year: number, lang: string) => void queued.push([tenantId, year, lang]),
      enqueueEvaluation: async () => undefined,
    } as unknown as JobControl;
    const withJobs = makeTestApp(db, { deps: { jobs } }).app;
    const bureau = await pageClient(withJobs, db, tenant, { role: 'bureau_admin' });
    const res = await bureau.post('/reports', { year: '2024', lang: 'en' });
    expect(res.status).toBe(303);
    const id = /requested=([0-9a-f-]{36})/.exec(res.location ?? '')![1]!;
    expect(queued).toEqual([[tenant.id, 2024, 'en']]);
    const page = await bureau.get(`/reports?requested=${id}`);
    expect(page.html).toContain('已提交 2024 年度报告，后台正在生成');
    expect(page.html).toMatch(/<span class="badge warn">生成中<\/span>/);
    expect(page.html).toContain('>刷新</a>');
    expect(page.html).not.toContain(`/reports/${id}/view`);
    expect((await bureau.get(`/reports/${id}/view`)).status).toBe(404);
    expect((await bureau.get(`/reports/${id}/xlsx`)).status).toBe(404);
  });
});
