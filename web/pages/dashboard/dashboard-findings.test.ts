// Specification of the dashboard's findings section: it shows the open findings as of the last
// evaluation run (remembered until the next one, so a view does not count them all again), and a
// new run — the only thing that changes findings — shows its result on the next view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import { rows } from '../../../core/metrics/metric-fixtures.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { apiClient } from '../../../test/support/api-client.ts';
import { makeTenant } from '../../../test/support/factories.ts';
import { pageClient, type PageClient } from '../../../test/support/page-client.ts';
import { makeTestApp } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
let school = '';
let enterprise = '';
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
  const made = await makeTenant(db);
  tenant = await db.updateTable('tenants').set({ plugins: JSON.stringify([{ id: 'xpcc12-2020', config: {} }]) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
  [school, enterprise] = await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    return [await r.school(), await r.org('enterprise')];
  });
});
afterAll(() => tdb.drop());

/** The dashboard's severity badges: [severity, count] most severe first. */
const badges = (html: string) =>
  [...html.matchAll(/<a class="badge big (?:bad|warn|info)" href="[^"]*findings\?severity=(\w+)">[^<]*<strong>(\d+)<\/strong>/g)].map((m) => [m[1], Number(m[2])] as const);
const openCount = async (severity: string) =>
  Number(
    (await withTenant(db, tenant.id, (tx) => tx.selectFrom('findings').select((eb) => eb.fn.countAll<string>().as('n')).where('resolved_at', 'is', null).where('severity', '=', severity as 'violation').executeTakeFirstOrThrow())).n,
  );

describe('the dashboard’s open findings', () => {
  let bureau: PageClient;
  beforeAll(async () => {
    bureau = await pageClient(app, db, tenant, { role: 'bureau_admin' });
  });

  it('shows what the last evaluation found, and the next run’s findings on the next view', async () => {
    const api = await apiClient(app, db, tenant, { role: 'bureau_admin' });
    expect((await api.call('POST', '/evaluations', { at: '2026-03-01' })).status).toBe(200);
    const first = badges((await bureau.get('')).html);
    expect(first.map(([s]) => s)).toEqual(['violation', 'warning', 'info']);
    expect(first).toEqual([['violation', await openCount('violation')], ['warning', await openCount('warning')], ['info', await openCount('info')]]);

    // Two interns started without insurance: the next run finds them.
    await withTenant(db, tenant.id, async (tx) => {
      const r = rows(tx, tenant.id);
      for (let i = 0; i < 2; i++) await r.internship(await r.student(school), enterprise, { start_on: '2026-02-01', end_on: '2026-07-31' });
    });
    expect((await api.call('POST', '/evaluations', { at: '2026-03-01' })).status).toBe(200);
    const violations = await openCount('violation');
    expect(violations).toBeGreaterThan(first[0]![1]);
    expect(badges((await bureau.get('')).html)[0]).toEqual(['violation', violations]);
  });

  it('is remembered between runs: rows that appear without a run are not counted until one runs', async () => {
    const before = badges((await bureau.get('')).html);
    await withTenant(db, tenant.id, (tx) =>
      tx
        .insertInto('findings')
        .values({
          tenant_id: tenant.id, plugin_id: 'xpcc12-2020', plugin_version: '1.0.0', rule_id: 'x', subject_type: 'tenant', subject_id: tenant.id,
          severity: 'info', message_id: 'm', clause: '一', explanation: '{"parameters":[],"facts":{}}', finding_key: 'outside-a-run',
          first_seen_at: '2026-03-01', last_seen_at: '2026-03-01',
        })
        .execute(),
    );
    expect(badges((await bureau.get('')).html)).toEqual(before);
  });
});
