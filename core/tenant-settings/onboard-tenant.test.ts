// Specification of onboarding a region from the platform scope: a manifest (as in tenants/*.ts)
// and the first bureau admin; every bad field named, nothing half-written, audited in both scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTenant, uniqueSlug } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';
import { inThreadRunner } from '../policy-engine/evaluation-runner.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { verifyPassword } from '../users/password.ts';
import { settingsRegistry } from './fixtures/settings-plugins.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let platform: Tenant;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { deps: { policy: { registry: settingsRegistry, runner: inThreadRunner } } }).app;
  platform = (await db.selectFrom('tenants').selectAll().where('kind', '=', 'platform').executeTakeFirst()) ?? (await makeTenant(db, { slug: 'platform', kind: 'platform' }));
});
afterAll(() => tdb.drop());

const body = (slug: string) => ({
  manifest: {
    slug,
    name: { 'zh-CN': '示例县', en: 'Example County' },
    kind: 'county',
    timezone: 'Asia/Urumqi',
    plugins: [{ id: 'settings-regional', config: { strict: true }, baselineConfig: { 'settings-baseline': { severity: 'warning' } } }],
  },
  admin: { email: 'Chief@Example.cn', displayName: '王局长' },
});

describe('POST /tenants (platform scope)', () => {
  it('creates the region and its first bureau admin with a one-time password, audited in both scopes', async () => {
    const operator = await apiClient(app, db, platform, { role: 'platform_operator' });
    const slug = uniqueSlug('new');
    const res = await operator.call('POST', '/tenants', body(slug));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tenant: { slug, kind: 'county', timezone: 'Asia/Urumqi', name: { en: 'Example County' } }, admin: { email: 'chief@example.cn', displayName: '王局长' }, signIn: `/t/${slug}/login` });
    const tenant = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    expect(tenant.plugins).toEqual(body(slug).manifest.plugins);
    const admin = await withTenant(db, tenant.id, (tx) => tx.selectFrom('users').selectAll().executeTakeFirstOrThrow());
    expect(admin).toMatchObject({ email: 'chief@example.cn', role: 'bureau_admin', extra_roles: ['security_admin'], totp_enabled_at: null });
    expect(await verifyPassword(admin.password_hash, res.body.admin.temporaryPassword)).toBe(true);
    expect(res.body.admin.temporaryPassword).toHaveLength(20);
    const inTenant = await withTenant(db, tenant.id, (tx) => tx.selectFrom('audit_log').select(['action', 'entity_id']).execute());
    expect(inTenant).toEqual([{ action: 'tenant.onboard', entity_id: tenant.id }]);
    const inPlatform = await withTenant(db, platform.id, (tx) => tx.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity_id', '=', tenant.id).execute());
    expect(inPlatform).toEqual([{ action: 'tenant.onboard', actor_user_id: operator.userId }]);
  });

  it('names every bad field, plugins and their configs included, and writes nothing', async () => {
    const operator = await apiClient(app, db, platform, { role: 'platform_operator', lang: 'en' });
    const slug = uniqueSlug('bad');
    const bad = body(slug);
    const res = await operator.call('POST', '/tenants', {
      manifest: { ...bad.manifest, plugins: [{ id: 'no-such-plugin' }, { id: 'settings-regional', baselineConfig: { 'settings-baseline': { severity: 'loud' } } }] },
      admin: bad.admin,
    });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['manifest.plugins.0.id', 'manifest.plugins.1.baselineConfig.settings-baseline.severity']);
    expect(res.body.issues[0].message).toBe('No plugin no-such-plugin is installed here');
    const schema = await operator.call('POST', '/tenants', { manifest: { ...bad.manifest, slug: 'Bad Slug', timezone: 'Mars/Olympus', kind: 'planet' }, admin: { email: 'nope', displayName: '' } });
    expect(schema.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['admin.displayName', 'admin.email', 'manifest.kind', 'manifest.slug', 'manifest.timezone']);
    expect(await db.selectFrom('tenants').select('id').where('slug', '=', slug).execute()).toEqual([]);
  });

  it('refuses a slug in use, at the slug field', async () => {
    const operator = await apiClient(app, db, platform, { role: 'platform_operator' });
    const taken = await makeTenant(db);
    const res = await operator.call('POST', '/tenants', body(taken.slug));
    expect(res.status).toBe(422);
    expect(res.body.issues).toMatchObject([{ path: 'manifest.slug', message: `标识 ${taken.slug} 已被其他区域使用` }]);
  });

  it('exists only in the platform scope and only for operators', async () => {
    const region = await makeTenant(db);
    expect((await (await apiClient(app, db, region)).call('POST', '/tenants', body(uniqueSlug()))).status).toBe(403);
    expect((await (await apiClient(app, db, platform, { role: 'bureau_admin' })).call('POST', '/tenants', body(uniqueSlug()))).status).toBe(403);
  });
});
