// Specification of what the bureau's dashboard reads and shows besides findings: each school's
// latest snapshot on or before today (never a later one, never another tenant's), open tasks
// overdue first, the next pending reminders, each target's latest status; and that a page drawn
// once is drawn again as soon as anything it shows changes.
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
let other: Tenant;
const ids: Record<string, string> = {};

// The test app's clock: 2026-03-01 16:00 in the tenant's time zone.
const snapshot = (tenantId: string, scopeId: string, metric: string, day: string, value: number) => ({
  tenant_id: tenantId, day, metric, scope_type: 'school' as const, scope_id: scopeId, value,
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
  tenant = await makeTenant(db);
  other = await makeTenant(db);
  await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    ids.a = await r.school({ name: 'A school' });
    ids.b = await r.school({ name: 'B school' });
    ids.c = await r.school({ name: 'C school' });
    ids.unit = await r.org('department', { name: 'Unit X' });
    await tx
      .insertInto('metric_snapshots')
      .values([
        snapshot(tenant.id, ids.a, 'internships.count', '2026-02-20', 10),
        snapshot(tenant.id, ids.a, 'internships.count', '2026-02-28', 12),
        // After today: a view of 2026-03-01 must not show it.
        snapshot(tenant.id, ids.a, 'internships.count', '2026-03-05', 99),
        snapshot(tenant.id, ids.a, 'internships.insured.ratio', '2026-02-28', 0.5),
        // Only an older day: still the latest on or before today.
        snapshot(tenant.id, ids.b, 'internships.count', '2026-01-10', 7),
      ])
      .execute();
    await tx
      .insertInto('target_snapshots')
      .values([
        { tenant_id: tenant.id, day: '2026-02-01', plugin_id: 'p', target_id: 'tgt-one', metric: 'internships.count', value: 1, goal: 10, expected: 5, status: 'red' },
        { tenant_id: tenant.id, day: '2026-02-28', plugin_id: 'p', target_id: 'tgt-one', metric: 'internships.count', value: 9, goal: 10, expected: 5, status: 'green' },
        { tenant_id: tenant.id, day: '2026-03-02', plugin_id: 'p', target_id: 'tgt-one', metric: 'internships.count', value: 0, goal: 10, expected: 5, status: 'amber' },
        // Only after today: not shown yet.
        { tenant_id: tenant.id, day: '2026-03-02', plugin_id: 'p', target_id: 'tgt-later', metric: 'internships.count', value: 0, goal: 10, expected: 5, status: 'amber' },
        { tenant_id: tenant.id, day: '2025-12-31', plugin_id: 'q', target_id: 'tgt-two', metric: 'internships.count', value: 0, goal: 10, expected: 5, status: 'red' },
      ])
      .execute();
    await tx
      .insertInto('tasks')
      .values([
        { tenant_id: tenant.id, title: 'Task later', lead_unit_id: ids.unit, due_on: '2026-04-01', status: 'in_progress', progress: 20 },
        { tenant_id: tenant.id, title: 'Task overdue', lead_unit_id: ids.unit, due_on: '2026-02-01', status: 'not_started', progress: 0 },
        { tenant_id: tenant.id, title: 'Task done', lead_unit_id: ids.unit, due_on: '2026-01-01', status: 'done', progress: 100 },
      ])
      .execute();
    await tx
      .insertInto('reminders')
      .values(
        [9, 3, 1, 7, 5, 2, 8, 4].map((d) => ({
          tenant_id: tenant.id, plugin_id: 'p', reminder_id: `r${d}`, kind: 'calendar', subject_type: 'tenant', subject_id: tenant.id, period: '2026',
          title: JSON.stringify({ 'zh-CN': `提醒${d}`, en: `Reminder ${d}` }), clause: `clause ${d}`, recipients: ['bureau_admin'],
          due_on: `2026-03-1${d}`, status: d === 1 ? 'sent' : 'pending',
        })),
      )
      .execute();
  });
  await withTenant(db, other.id, async (tx) => {
    const school = await rows(tx, other.id).school({ name: 'A other tenant' });
    await tx.insertInto('metric_snapshots').values(snapshot(other.id, school, 'internships.count', '2026-02-28', 55)).execute();
  });
});
afterAll(() => tdb.drop());

/** The school table: [name, …cells] per row, in page order. */
const schoolRows = (html: string) =>
  [...html.matchAll(/<tr><td[^>]*><a href="[^"]*\/organizations\/[^"]*">([^<]*)<\/a><\/td>(.*?)<\/tr>/g)].map((m) => [
    m[1]!,
    ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!),
  ]);
const taskTitles = (html: string) => [...html.matchAll(/<a href="[^"]*\/tasks\/[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
const reminderTitles = (html: string) => [...html.matchAll(/<li>(提醒\d|Reminder \d) /g)].map((m) => m[1]);

describe('the bureau dashboard', () => {
  let bureau: PageClient;
  beforeAll(async () => {
    bureau = await pageClient(app, db, tenant, { role: 'bureau_admin' });
  });

  it('compares schools by name with their latest snapshot on or before today, and only this tenant’s', async () => {
    const { status, html } = await bureau.get('');
    expect(status).toBe(200);
    expect(schoolRows(html)).toEqual([
      ['A school', '12', '50%', '—', '—', '—'],
      ['B school', '7', '—', '—', '—', '—'],
      ['C school', '—', '—', '—', '—', '—'],
    ]);
    expect(html).not.toContain('A other tenant');
    expect(html).toContain('<svg');
  });

  it('shows open tasks overdue first, the next six pending reminders and each target’s latest status up to today', async () => {
    const { html } = await bureau.get('');
    expect(taskTitles(html)).toEqual(['Task overdue', 'Task later']);
    expect(reminderTitles(html)).toEqual(['提醒2', '提醒3', '提醒4', '提醒5', '提醒7', '提醒8']);
    expect([...html.matchAll(/<li class="target rag-(\w+)" data-target="([^"]+)">/g)].map((m) => [m[2], m[1]])).toEqual([
      ['tgt-two', 'red'],
      ['tgt-one', 'green'],
    ]);
    const english = await bureau.get('', 'en');
    expect(reminderTitles(english.html)).toEqual(['Reminder 2', 'Reminder 3', 'Reminder 4', 'Reminder 5', 'Reminder 7', 'Reminder 8']);
  });

  it('draws the page again as soon as what it shows changes', async () => {
    const first = (await bureau.get('')).html;
    expect((await bureau.get('')).html).toBe(first);
    await withTenant(db, tenant.id, (tx) =>
      tx.updateTable('metric_snapshots').set({ value: 13 }).where('scope_id', '=', ids.a!).where('day', '=', '2026-02-28').where('metric', '=', 'internships.count').execute(),
    );
    await withTenant(db, tenant.id, (tx) => tx.updateTable('tasks').set({ progress: 60 }).where('title', '=', 'Task later').execute());
    const next = (await bureau.get('')).html;
    expect(schoolRows(next)[0]).toEqual(['A school', '13', '50%', '—', '—', '—']);
    expect(next).toContain('aria-label="60%"');
    expect(next).not.toBe(first);
  });
});
