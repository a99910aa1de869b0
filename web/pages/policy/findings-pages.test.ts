// Specification of the findings page's banner: the counts by severity are the breakdown of the
// very set the list shows (same status, and for school roles only their own school), the chosen
// severity's count is the list's length, and severities read most severe first, on the findings
// page and on the dashboard alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import { rows } from '../../../core/metrics/metric-fixtures.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeTenant } from '../../../test/support/factories.ts';
import { pageClient, type PageClient } from '../../../test/support/page-client.ts';
import { makeTestApp } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
let schoolA = '';
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db).app;
  tenant = await makeTenant(db);
  // School A: two violations, a warning, an info and a resolved violation; school B: one violation;
  // the region as a whole: one warning. School roles of A see A's four open ones only.
  await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    schoolA = await r.school({ name: '甲校' });
    const schoolB = await r.school({ name: '乙校' });
    const enterprise = await r.org('enterprise');
    const a1 = await r.internship(await r.student(schoolA), enterprise);
    const a2 = await r.internship(await r.student(schoolA), enterprise);
    const a3 = await r.internship(await r.student(schoolA), enterprise);
    const b1 = await r.internship(await r.student(schoolB), enterprise);
    const teacherA = await r.teacher(schoolA);
    const agreementA = await r.agreement(schoolA, enterprise);
    let n = 0;
    const finding = (severity: string, type: string, id: string, resolved: string | null = null) =>
      tx
        .insertInto('findings')
        .values({
          tenant_id: tenant.id, plugin_id: 'xpcc12-2020', plugin_version: '1.0.0', rule_id: `r${++n}`, subject_type: type as 'internship', subject_id: id,
          severity: severity as 'info', message_id: `m${n}`, clause: '三(五)17', explanation: '{"parameters":[],"facts":{}}',
          finding_key: `k${n}`, first_seen_at: '2026-02-01', last_seen_at: '2026-02-01', resolved_at: resolved,
        })
        .execute();
    await finding('info', 'agreement', agreementA);
    await finding('violation', 'internship', a1);
    await finding('warning', 'teacher', teacherA);
    await finding('violation', 'internship', a2);
    await finding('violation', 'internship', a3, '2026-02-15');
    await finding('violation', 'internship', b1);
    await finding('warning', 'tenant', tenant.id);
  });
});
afterAll(() => tdb.drop());

/** The banner's badges in page order, with the count each shows. */
const banner = (html: string) =>
  [...html.matchAll(/<a class="badge (?:bad|warn|info)" href="[^"]*"(?: aria-current="true")? data-severity="(\w+)" data-count="(\d+)">/g)].map((m) => [m[1], Number(m[2])]);
const listed = (html: string) => (html.match(/<li class="finding /g) ?? []).length;

describe('the findings banner', () => {
  let schoolAdmin: PageClient;
  let bureau: PageClient;
  beforeAll(async () => {
    schoolAdmin = await pageClient(app, db, tenant, { role: 'school_admin', organizationId: schoolA });
    bureau = await pageClient(app, db, tenant, { role: 'bureau_admin' });
  });

  it('counts for a school admin exactly the findings of their school the list shows, most severe first', async () => {
    const page = await schoolAdmin.get('/findings');
    expect(banner(page.html)).toEqual([['violation', 2], ['warning', 1], ['info', 1]]);
    expect(listed(page.html)).toBe(4);
  });

  it('counts a teacher of the school the same way', async () => {
    const teacher = await pageClient(app, db, tenant, { role: 'teacher', organizationId: schoolA });
    const page = await teacher.get('/findings');
    expect(banner(page.html)).toEqual([['violation', 2], ['warning', 1], ['info', 1]]);
    expect(listed(page.html)).toBe(4);
  });

  it('keeps the breakdown when one severity is chosen, whose count is then the list’s length', async () => {
    const page = await schoolAdmin.get('/findings?severity=violation');
    expect(banner(page.html)).toEqual([['violation', 2], ['warning', 1], ['info', 1]]);
    expect(page.html).toContain('aria-current="true" data-severity="violation"');
    expect(listed(page.html)).toBe(2);
  });

  it('follows the status filter: resolved and all', async () => {
    const resolved = await schoolAdmin.get('/findings?status=resolved');
    expect(banner(resolved.html)).toEqual([['violation', 1], ['warning', 0], ['info', 0]]);
    expect(listed(resolved.html)).toBe(1);
    const all = await schoolAdmin.get('/findings?status=all');
    expect(banner(all.html)).toEqual([['violation', 3], ['warning', 1], ['info', 1]]);
    expect(listed(all.html)).toBe(5);
  });

  it('counts the whole region for the bureau, and orders the filter’s choices the same way', async () => {
    const page = await bureau.get('/findings');
    expect(banner(page.html)).toEqual([['violation', 3], ['warning', 2], ['info', 1]]);
    expect(listed(page.html)).toBe(6);
    const options = [...page.html.matchAll(/<option value="(violation|warning|info)"/g)].map((m) => m[1]);
    expect(options).toEqual(['violation', 'warning', 'info']);
    // The list itself: every violation before any warning, every warning before any info.
    const order = [...page.html.matchAll(/<li class="finding (bad|warn|info)"/g)].map((m) => m[1]);
    expect(order).toEqual(['bad', 'bad', 'bad', 'warn', 'warn', 'info']);
  });

  it('shows the dashboard’s severity badges in the same order, with the region’s open counts', async () => {
    const page = await bureau.get('');
    const badges = [...page.html.matchAll(/<a class="badge big (bad|warn|info)" href="[^"]*findings\?severity=(\w+)">[^<]*<strong>(\d+)<\/strong>/g)].map((m) => [m[2], Number(m[3])]);
    expect(badges).toEqual([['violation', 3], ['warning', 2], ['info', 1]]);
  });
});
