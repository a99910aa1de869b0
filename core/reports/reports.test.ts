// Specification of the annual report: its numbers equal direct counts of the records, the printable
// page carries the targets and SVG charts, the workbook opens with its four sheets, regenerating
// replaces the stored report, and the API guards the year and the roles.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyPlugins } from '../../plugins/index.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { translate } from '../../web/i18n/index.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../metrics/metric-fixtures.ts';
import { tenantPlugins } from '../policy-engine/tenant-plugins.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { buildAnnualReport, reportDay } from './build-annual-report.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportXlsx } from './render-report-xlsx.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  // Today is 2026-03-01: the 2024 report is as of 2024-12-31, the 2026 one as of today.
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());

const PLUGINS = [{ id: 'xpcc12-2020', config: {} }, { id: 'yichang-vocational-group', config: {} }];

/** Two schools, one enterprise; teachers, internships, agreements and findings around 2024. */
async function reportTenant(): Promise<{ tenant: Tenant; schoolA: string; schoolB: string }> {
  const made = await makeTenant(db);
  const tenant = await db.updateTable('tenants').set({ plugins: JSON.stringify(PLUGINS) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
  const ids = await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    const schoolA = await r.school({ name: '甲校' });
    const schoolB = await r.school({ name: '乙校' });
    const e = await r.org('enterprise');
    await r.agreement(schoolA, e, { mode: 'shared_training_base' });
    await r.agreement(schoolA, e, { mode: 'shared_training_base' });
    await r.agreement(schoolB, e, { mode: 'order_class', valid_from: '2025-01-01' }); // not yet in force at 2024-12-31
    await r.teacher(schoolA); // professional, hired 2010, no practice: short of the 5-year rule
    await r.teacher(schoolA, { is_professional: false });
    await r.teacher(schoolA, { hire_date: '2025-09-01' }); // hired after the report's day
    const practiced = await r.teacher(schoolB);
    await r.practice(practiced, '2022-01-01', '2022-12-31');
    const s1 = await r.student(schoolA);
    const s2 = await r.student(schoolA);
    await r.internship(s1, e, r.insured);
    await r.internship(s2, e);
    const finding = (ruleId: string, severity: string, first: string, resolved: string | null) =>
      tx.insertInto('findings').values({
        tenant_id: tenant.id, plugin_id: 'xpcc12-2020', plugin_version: '1.0.0', rule_id: ruleId, subject_type: 'tenant', subject_id: tenant.id,
        severity: severity as 'warning', message_id: 'm', clause: '二', explanation: '{"parameters":[],"facts":{}}',
        finding_key: `${ruleId}|${first}`, first_seen_at: first, last_seen_at: resolved ?? first, resolved_at: resolved,
      }).execute();
    await finding('r1', 'warning', '2023-05-01', null); // open all 2024
    await finding('r2', 'warning', '2024-02-01', '2024-06-01'); // opened and resolved in 2024
    await finding('r3', 'violation', '2024-03-01', '2025-01-10'); // opened in 2024, open at year-end
    await finding('r4', 'violation', '2025-02-01', null); // after the year
    return { schoolA, schoolB };
  });
  return { tenant, ...ids };
}

async function build(tenant: Tenant, year: number, today = '2026-03-01') {
  const { plugins } = tenantPlugins(tenant.plugins, policyPlugins);
  return withTenant(db, tenant.id, (tx) => buildAnnualReport(tx, tenant, year, { plugins, registry: policyPlugins, today }));
}

/** One number straight from SQL, in the tenant's scope. */
const count = (tenant: Tenant, query: ReturnType<typeof sql<{ n: string }>>) =>
  withTenant(db, tenant.id, async (tx) => Number((await query.execute(tx)).rows[0]!.n));

describe('buildAnnualReport', () => {
  it('measures a past year at 31 December and the current year at today', () => {
    expect(reportDay(2024, '2026-03-01')).toBe('2024-12-31');
    expect(reportDay(2026, '2026-03-01')).toBe('2026-03-01');
  });

  it('counts findings open at year-end, opened and resolved during the year, as direct SQL does', async () => {
    const { tenant } = await reportTenant();
    const report = await build(tenant, 2024);
    const open = await count(tenant, sql`select count(*) as n from findings where first_seen_at <= '2024-12-31' and (resolved_at is null or resolved_at > '2024-12-31')`);
    const opened = await count(tenant, sql`select count(*) as n from findings where first_seen_at between '2024-01-01' and '2024-12-31'`);
    const resolved = await count(tenant, sql`select count(*) as n from findings where resolved_at between '2024-01-01' and '2024-12-31'`);
    expect(report.findings.totals).toEqual({ open, opened, resolved });
    expect(report.findings.totals).toEqual({ open: 2, opened: 2, resolved: 1 });
    expect(report.findings.rows).toEqual([
      expect.objectContaining({ pluginId: 'xpcc12-2020', severity: 'violation', open: 1, opened: 1, resolved: 0 }),
      expect.objectContaining({ pluginId: 'xpcc12-2020', severity: 'warning', open: 1, opened: 1, resolved: 1 }),
    ]);
  });

  it('gives each school its teachers, internships, shares and agreements in force, as direct SQL does', async () => {
    const { tenant, schoolA, schoolB } = await reportTenant();
    const report = await build(tenant, 2024);
    expect(report.schools.map((s) => s.id).sort()).toEqual([schoolA, schoolB].sort());
    for (const school of report.schools) {
      const teachers = await count(tenant, sql`select count(*) as n from teachers where school_id = ${school.id} and (hire_date is null or hire_date <= '2024-12-31')`);
      const professional = await count(tenant, sql`select count(*) as n from teachers where school_id = ${school.id} and is_professional and (hire_date is null or hire_date <= '2024-12-31')`);
      const internships = await count(tenant, sql`select count(*) as n from internships i join students s on s.tenant_id = i.tenant_id and s.id = i.student_id where s.school_id = ${school.id} and i.start_on <= '2024-12-31' and i.status <> 'terminated'`);
      const agreements = await count(tenant, sql`select count(*) as n from agreements where school_id = ${school.id} and status = 'active' and valid_from <= '2024-12-31'`);
      expect(school).toMatchObject({ teachers, professionalTeachers: professional, internships, activeAgreements: agreements });
    }
    const a = report.schools.find((s) => s.id === schoolA)!;
    expect(a).toMatchObject({ teachers: 2, professionalTeachers: 1, practiceShort: 1, internships: 2, insuredRatio: 0.5, activeAgreements: 2 });
    expect(report.schools.find((s) => s.id === schoolB)).toMatchObject({ teachers: 1, practiceShort: 0, internships: 0, insuredRatio: 1, activeAgreements: 0 });
  });

  it('judges every enabled plugin’s targets at the report’s day and fills the plugins’ report sections', async () => {
    const { tenant } = await reportTenant();
    const report = await build(tenant, 2024);
    const bases = report.targets.find((t) => t.targetId === 'integration-bases-2025')!;
    expect(bases).toMatchObject({ pluginId: 'xpcc12-2020', at: '2024-12-31', value: 2, goal: 10 });
    expect(report.targets.map((t) => t.pluginId)).toContain('yichang-vocational-group');
    const section = report.pluginReports.flatMap((r) => r.sections).flatMap((s) => s.metrics).find((m) => m.name === 'agreements.signedInYear{kind=intent}');
    expect(section).toMatchObject({ value: 0 });
    const unknown = report.pluginReports.flatMap((r) => r.sections).flatMap((s) => s.metrics).filter((m) => m.value === null);
    for (const m of unknown) expect(m.problem).toBeTruthy();
  });
});

describe('the rendered report', () => {
  it('is a printable HTML page with the target titles, the school names and inline SVG charts', async () => {
    const { tenant } = await reportTenant();
    const report = await build(tenant, 2024);
    for (const lang of ['zh-CN', 'en'] as const) {
      const html = renderReportHtml(report, lang, translate);
      expect(html).toContain('<svg');
      expect(html).toContain('@media print');
      for (const target of report.targets) expect(html).toContain(target.title[lang].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      expect(html).toContain('甲校');
    }
    expect(renderReportHtml(report, 'zh-CN', translate)).toContain('2024 年度产教融合效能评价报告');
    expect(renderReportHtml(report, 'en', translate)).toContain('performance report 2024');
  });

  it('is an XLSX workbook with sheets of targets, findings, schools and report items', async () => {
    const { tenant } = await reportTenant();
    const report = await build(tenant, 2024);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderReportXlsx(report, 'zh-CN', translate)).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['目标', '问题', '各校', '报告事项']);
    expect(workbook.getWorksheet('目标')!.rowCount).toBe(1 + report.targets.length);
    expect(workbook.getWorksheet('问题')!.rowCount).toBe(1 + report.findings.rows.length);
    const schools = workbook.getWorksheet('各校')!;
    expect(schools.rowCount).toBe(3);
    const a = [2, 3].map((i) => schools.getRow(i)).find((row) => row.getCell(1).value === '甲校')!;
    expect([a.getCell(2).value, a.getCell(5).value, a.getCell(6).value]).toEqual([2, 2, 0.5]);
    const items = report.pluginReports.flatMap((r) => r.sections).flatMap((s) => s.metrics).length;
    expect(workbook.getWorksheet('报告事项')!.rowCount).toBe(1 + items);
  });
});

/** A raw request with a signed-in user's cookie, for the non-JSON downloads. */
async function rawClient(tenant: Tenant) {
  const user = await makeUser(db, tenant, { role: 'bureau_admin' });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  return (path: string) => app.request(`/api/v1/t/${tenant.slug}${path}`, { headers: { cookie, origin: TEST_ORIGIN } });
}

describe('the reports API without a job queue', () => {
  it('generates inline, lists the report, serves its HTML and XLSX', async () => {
    const { tenant } = await reportTenant();
    const client = await apiClient(app, db, tenant);
    const posted = await client.call('POST', '/reports', { year: 2024, lang: 'en' });
    expect(posted.status).toBe(200);
    expect(posted.body.error).toBeNull();
    expect(posted.body).toMatchObject({ year: 2024, lang: 'en', status: 'ready', requestedBy: client.userId });
    expect((await client.call('GET', `/reports/${posted.body.id}`)).body).toMatchObject({ status: 'ready' });
    expect((await client.call('GET', '/reports')).body.items).toEqual([expect.objectContaining({ id: posted.body.id })]);
    const get = await rawClient(tenant);
    const html = await get(`/reports/${posted.body.id}/html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<svg');
    const xlsx = await get(`/reports/${posted.body.id}/xlsx`);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="report-2024-en.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Targets', 'Findings', 'Schools', 'Reporting items']);
  });

  it('replaces the year’s report when regenerated: one row per year and language', async () => {
    const { tenant } = await reportTenant();
    const client = await apiClient(app, db, tenant);
    const first = await client.call('POST', '/reports', { year: 2024 });
    const second = await client.call('POST', '/reports', { year: 2024 });
    expect([first.body.status, second.body.status]).toEqual(['ready', 'ready']);
    expect(second.body.id).toBe(first.body.id);
    expect(await count(tenant, sql`select count(*) as n from reports where year = 2024`)).toBe(1);
    expect(new Date(second.body.generatedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.body.generatedAt).getTime());
  });

  it('answers 422 naming the year for a year before 2015 or after next year', async () => {
    const { tenant } = await reportTenant();
    const client = await apiClient(app, db, tenant, { lang: 'en' });
    for (const year of [2014, 2028]) {
      const res = await client.call('POST', '/reports', { year });
      expect(res.status).toBe(422);
      expect(res.body.issues).toEqual([expect.objectContaining({ path: 'year', message: 'The year must be between 2015 and 2027.' })]);
    }
    expect((await client.call('POST', '/reports', { year: 2027 })).status).toBe(200);
  });

  it('lets an evaluator read but not request, and refuses a teacher', async () => {
    const { tenant, schoolA } = await reportTenant();
    const id = (await (await apiClient(app, db, tenant)).call('POST', '/reports', { year: 2024 })).body.id;
    const evaluator = await apiClient(app, db, tenant, { role: 'evaluator' });
    expect((await evaluator.call('GET', `/reports/${id}`)).status).toBe(200);
    expect((await evaluator.call('POST', '/reports', { year: 2024 })).status).toBe(403);
    const teacher = await apiClient(app, db, tenant, { role: 'teacher', organizationId: schoolA });
    expect((await teacher.call('GET', '/reports')).status).toBe(403);
    expect((await teacher.call('POST', '/reports', { year: 2024 })).status).toBe(403);
  });

  it('answers 404 for another tenant’s report', async () => {
    const { tenant } = await reportTenant();
    const id = (await (await apiClient(app, db, tenant)).call('POST', '/reports', { year: 2024 })).body.id;
    const other = await reportTenant();
    expect((await (await apiClient(app, db, other.tenant)).call('GET', `/reports/${id}`)).status).toBe(404);
  });
});
