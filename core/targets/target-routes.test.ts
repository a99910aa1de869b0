// Specification of the targets and metrics API: targets of the enabled plugins with progress, a
// metric per scope, 422 naming the field for a bad metric or scope, and a rollup for the bureau only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';
import { rows } from '../metrics/metric-fixtures.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());

/** A 第十二师-like tenant (xpcc12-2020 enabled) with one school, two shared-training-base agreements. */
async function xpccTenant() {
  const made = await makeTenant(db);
  const tenant = await db
    .updateTable('tenants')
    .set({ plugins: JSON.stringify([{ id: 'xpcc12-2020', config: {} }]) })
    .where('id', '=', made.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const school = await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    const s = await r.school();
    const e = await r.org('enterprise');
    await r.agreement(s, e, { mode: 'shared_training_base' });
    await r.agreement(s, e, { mode: 'shared_training_base' });
    return s;
  });
  return { tenant, school };
}

describe('GET /targets', () => {
  it('lists every target of the enabled plugins with value, expected, status, clause and deadline', async () => {
    const { tenant } = await xpccTenant();
    const res = await (await apiClient(app, db, tenant)).call('GET', '/targets?at=2024-06-30');
    expect(res.status).toBe(200);
    const bases = res.body.items.find((t: { targetId: string }) => t.targetId === 'integration-bases-2025');
    expect(bases).toMatchObject({ pluginId: 'xpcc12-2020', value: 2, goal: 10, clause: '二', deadline: '2025-12-31', status: 'red', source: { kind: 'live' } });
    expect(typeof bases.title).toBe('string');
  });

  it('refuses a bad date with the field named', async () => {
    const { tenant } = await xpccTenant();
    const res = await (await apiClient(app, db, tenant)).call('GET', '/targets?at=2024-02-30');
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['at']);
  });
});

describe('GET /metrics/{name}', () => {
  it('computes a metric for the tenant and for one school', async () => {
    const { tenant, school } = await xpccTenant();
    const client = await apiClient(app, db, tenant);
    const name = encodeURIComponent('agreements.active{mode=shared_training_base}');
    expect((await client.call('GET', `/metrics/${name}?at=2024-06-30`)).body).toMatchObject({ value: 2, scope: { type: 'tenant' } });
    expect((await client.call('GET', `/metrics/${name}?at=2024-06-30&scope=school&scopeId=${school}`)).body.value).toBe(2);
  });

  it('answers 422 on the name for an unknown metric or bad arguments, in the caller’s language', async () => {
    const { tenant } = await xpccTenant();
    const en = await apiClient(app, db, tenant, { lang: 'en' });
    const res = await en.call('GET', `/metrics/${encodeURIComponent('agreements.active{mode=ferry}')}`);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'name', message: expect.stringMatching(/^Not a metric .*mode "ferry"/) })]);
  });

  it('answers 422 for a scope the metric has no meaning for, and for a missing scopeId', async () => {
    const { tenant } = await xpccTenant();
    const client = await apiClient(app, db, tenant);
    const designated = await client.call('GET', `/metrics/${encodeURIComponent('organizations.designated{integration_enterprise}')}?scope=school&scopeId=00000000-0000-4000-8000-000000000000`);
    expect(designated.status).toBe(422);
    expect(designated.body.issues[0].path).toBe('scope');
    const noId = await client.call('GET', '/metrics/majors.count?scope=school');
    expect(noId.body.issues[0].path).toBe('scopeId');
  });

  it('answers 404 for a school of another tenant', async () => {
    const { tenant } = await xpccTenant();
    const other = await xpccTenant();
    const res = await (await apiClient(app, db, tenant)).call('GET', `/metrics/majors.count?scope=school&scopeId=${other.school}`);
    expect(res.status).toBe(404);
  });
});

describe('POST /rollups', () => {
  it('writes the day’s snapshots for a bureau admin (inline: this app has no job queue); targets then read them', async () => {
    const { tenant } = await xpccTenant();
    const bureau = await apiClient(app, db, tenant);
    expect((await bureau.call('GET', '/rollups/2024-06-30')).body).toEqual({ day: '2024-06-30', metricRows: 0, targetRows: 0, computedAt: null });
    const res = await bureau.call('POST', '/rollups', { day: '2024-06-30' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ day: '2024-06-30', unknownMetrics: [] });
    expect(res.body.targetRows).toBeGreaterThan(0);
    const targets = await bureau.call('GET', '/targets?at=2024-06-30');
    expect(targets.body.items.find((t: { targetId: string }) => t.targetId === 'integration-bases-2025').source).toEqual({ kind: 'snapshot', day: '2024-06-30' });
    const status = await bureau.call('GET', '/rollups/2024-06-30');
    expect(status.body).toMatchObject({ metricRows: res.body.metricRows, targetRows: res.body.targetRows, computedAt: expect.any(String) });
  });

  it('is refused to a school admin', async () => {
    const { tenant, school } = await xpccTenant();
    const res = await (await apiClient(app, db, tenant, { role: 'school_admin', organizationId: school })).call('POST', '/rollups', {});
    expect(res.status).toBe(403);
  });
});
