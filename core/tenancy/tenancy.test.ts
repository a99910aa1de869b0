// Manifests are validated where they are written, and syncing them is idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantManifests } from '../../tenants/index.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { defineTenant } from './manifest.ts';
import { syncTenants } from './sync-tenants.ts';
import { tenantDirectory } from './tenant-directory.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

describe('tenant manifests', () => {
  it('cover the six seed regions with their slugs and kinds', () => {
    expect(tenantManifests.map((m) => [m.slug, m.kind])).toEqual([
      ['gaoqing', 'county'],
      ['xpcc-12', 'corps-division'],
      ['qianxi', 'county'],
      ['licheng', 'district'],
      ['yichang', 'city'],
      ['zibo-hitech', 'high-tech-zone'],
    ]);
  });

  it('refuse a bad manifest, naming each bad field', () => {
    expect(() =>
      defineTenant({ slug: 'Bad Slug', name: { 'zh-CN': '', en: 'x' }, kind: 'province' as 'city', timezone: 'Mars/Base' }),
    ).toThrow(/slug: .*name\.zh-CN: .*kind: .*timezone: /);
  });

  it('reserve the platform slug', () => {
    expect(() => defineTenant({ slug: 'platform', name: { 'zh-CN': '平台', en: 'P' }, kind: 'city' })).toThrow(/reserved/);
  });
});

describe('syncTenants', () => {
  it('creates the tenants and the platform scope, and running it again changes nothing', async () => {
    await syncTenants(tdb.handle.db, tenantManifests);
    const first = await tdb.handle.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
    await syncTenants(tdb.handle.db, tenantManifests);
    const second = await tdb.handle.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
    expect(second).toEqual(first);
    expect(first.map((t) => t.slug)).toContain('platform');
    expect(first).toHaveLength(7);
  });

  it('updates a renamed region in place, keeping its id', async () => {
    await syncTenants(tdb.handle.db, tenantManifests);
    const dir = tenantDirectory(tdb.handle.db, 0);
    const before = await dir.bySlug('yichang');
    const renamed = tenantManifests.map((m) => (m.slug === 'yichang' ? { ...m, name: { ...m.name, en: 'Yichang' } } : m));
    await syncTenants(tdb.handle.db, renamed);
    const after = await dir.bySlug('yichang');
    expect(after?.id).toBe(before?.id);
    expect(after?.name_en).toBe('Yichang');
  });

  it('refuses two manifests with one slug', async () => {
    await expect(syncTenants(tdb.handle.db, [tenantManifests[0]!, tenantManifests[0]!])).rejects.toThrow(/two tenant manifests/);
  });
});
