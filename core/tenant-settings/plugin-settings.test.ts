// Specification of a bureau's plugin settings: saved through the API with errors per field in the
// caller's language, audited, used by the next evaluation (a baseline's too, through the plugin
// that extends it), kept across the start-up manifest sync, and reset to the manifest on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';
import { inThreadRunner } from '../policy-engine/evaluation-runner.ts';
import { syncTenants } from '../tenancy/sync-tenants.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { settingsRegistry } from './fixtures/settings-plugins.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { deps: { policy: { registry: settingsRegistry, runner: inThreadRunner } } }).app;
});
afterAll(() => tdb.drop());

const manifestEntry = { id: 'settings-regional', config: { strict: true }, baselineConfig: { 'settings-baseline': { severity: 'warning' } } };

/** A region enabling only the regional plugin, its manifest raising the baseline to warning; one teacher who is not 双师型. */
async function region() {
  const made = await makeTenant(db);
  const tenant = await db.updateTable('tenants').set({ plugins: JSON.stringify([manifestEntry]) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
  const school = await makeOrganization(db, tenant, 'school', '甲校');
  await withTenant(db, tenant.id, (tx) =>
    tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T1', name: '甲老师', hire_date: '2015-09-01', is_professional: true }).execute(),
  );
  return { tenant, bureau: await apiClient(app, db, tenant) };
}

const severities = async (bureau: Awaited<ReturnType<typeof apiClient>>): Promise<string[]> => {
  expect((await bureau.call('POST', '/evaluations', { at: '2026-03-01' })).status).toBe(200);
  const items = (await bureau.call('GET', '/findings')).body.items as { severity: string }[];
  return items.map((f) => f.severity);
};

describe('GET /plugin-settings', () => {
  it('lists each layer of the enabled plugin with its manifest, saved and effective config and the fields’ schema', async () => {
    const { bureau } = await region();
    const res = await bureau.call('GET', '/plugin-settings');
    expect(res.status).toBe(200);
    expect(res.body.items).toMatchObject([
      { pluginId: 'settings-regional', layerId: 'settings-regional', title: '示例区域政策', manifest: { strict: true }, saved: null, effective: { strict: true }, version: 0 },
      { pluginId: 'settings-regional', layerId: 'settings-baseline', title: '示例基线', manifest: { severity: 'warning' }, saved: null, effective: { severity: 'warning', minMonths: 6 } },
    ]);
    expect(res.body.items[1].schema.properties.severity.enum).toEqual(['info', 'warning', 'violation']);
  });

  it('is not for school admins', async () => {
    const { tenant } = await region();
    expect((await (await apiClient(app, db, tenant, { role: 'school_admin' })).call('GET', '/plugin-settings')).status).toBe(403);
  });
});

describe('PUT /plugin-settings/{pluginId}/{layerId}', () => {
  it('refuses a bad value with the field named, in the caller’s language, and stores nothing', async () => {
    const { tenant, bureau } = await region();
    const res = await bureau.call('PUT', '/plugin-settings/settings-regional/settings-baseline', { config: { severity: 'loud', minMonths: 0 } });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['minMonths', 'severity']);
    expect(res.body.issues.find((i: { path: string }) => i.path === 'minMonths').message).toMatch(/1/);
    expect(res.body.issues.find((i: { path: string }) => i.path === 'severity').message).toMatch(/[\u4e00-\u9fff]/);
    const english = await (await apiClient(app, db, tenant, { lang: 'en' })).call('PUT', '/plugin-settings/settings-regional/settings-baseline', { config: { severity: 'loud' } });
    expect(english.body.issues[0].message).toMatch(/expected one of/i);
    expect(await withTenant(db, tenant.id, (tx) => tx.selectFrom('tenant_plugin_settings').selectAll().execute())).toEqual([]);
  });

  it('saves a baseline value through the extending plugin, audits it, and the next evaluation uses it', async () => {
    const { tenant, bureau } = await region();
    expect(await severities(bureau)).toEqual(['warning']);
    const res = await bureau.call('PUT', '/plugin-settings/settings-regional/settings-baseline', { config: { severity: 'violation' }, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: { severity: 'violation', minMonths: 6 }, effective: { severity: 'violation', minMonths: 6 }, version: 1 });
    expect(await severities(bureau)).toEqual(['violation']);
    const audit = await withTenant(db, tenant.id, (tx) => tx.selectFrom('audit_log').selectAll().where('action', '=', 'plugin-settings.update').execute());
    expect(audit).toMatchObject([{ entity: 'tenant_plugin_settings', entity_id: 'settings-regional/settings-baseline', actor_user_id: bureau.userId, changes: { severity: { before: 'warning', after: 'violation' } } }]);
  });

  it('keeps what the bureau saved when the start-up sync rewrites the manifest', async () => {
    const { tenant, bureau } = await region();
    await bureau.call('PUT', '/plugin-settings/settings-regional/settings-baseline', { config: { severity: 'violation' } });
    await syncTenants(db, [{ slug: tenant.slug, name: { 'zh-CN': tenant.name_zh, en: tenant.name_en }, kind: 'county', timezone: 'Asia/Shanghai', plugins: [{ ...manifestEntry, baselineConfig: { 'settings-baseline': { severity: 'info', minMonths: 3 } } }] }]);
    const layer = (await bureau.call('GET', '/plugin-settings')).body.items[1];
    expect(layer).toMatchObject({ manifest: { severity: 'info', minMonths: 3 }, saved: { severity: 'violation' }, effective: { severity: 'violation' } });
    expect(await severities(bureau)).toEqual(['violation']);
  });

  it('refuses a save made from a stale form', async () => {
    const { bureau } = await region();
    expect((await bureau.call('PUT', '/plugin-settings/settings-regional/settings-regional', { config: { strict: false }, version: 0 })).status).toBe(200);
    expect((await bureau.call('PUT', '/plugin-settings/settings-regional/settings-regional', { config: { strict: true }, version: 0 })).status).toBe(409);
  });

  it('answers 404 for a layer the region has not enabled, and 403 to an evaluator', async () => {
    const { tenant, bureau } = await region();
    expect((await bureau.call('PUT', '/plugin-settings/settings-baseline/settings-baseline', { config: {} })).status).toBe(404);
    expect((await (await apiClient(app, db, tenant, { role: 'evaluator' })).call('PUT', '/plugin-settings/settings-regional/settings-regional', { config: {} })).status).toBe(403);
  });
});

describe('DELETE /plugin-settings/{pluginId}/{layerId}', () => {
  it('drops the saved values so the manifest applies again, audited', async () => {
    const { tenant, bureau } = await region();
    await bureau.call('PUT', '/plugin-settings/settings-regional/settings-baseline', { config: { severity: 'violation' } });
    const res = await bureau.call('DELETE', '/plugin-settings/settings-regional/settings-baseline');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: null, effective: { severity: 'warning' }, version: 0 });
    expect(await severities(bureau)).toEqual(['warning']);
    const actions = await withTenant(db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'tenant_plugin_settings').orderBy('chain_seq').execute());
    expect(actions.map((a) => a.action)).toEqual(['plugin-settings.update', 'plugin-settings.reset']);
  });
});
