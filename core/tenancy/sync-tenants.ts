// Brings the tenants table in line with the manifests at start; safe to run on every start
// and from several processes at once (upsert on the slug).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TenantManifest } from './manifest.ts';

export const PLATFORM_SLUG = 'platform';

export async function syncTenants(db: Db, manifests: readonly TenantManifest[]): Promise<void> {
  const slugs = new Set<string>();
  for (const m of manifests) {
    if (slugs.has(m.slug)) throw new Error(`two tenant manifests use the slug ${m.slug}`);
    slugs.add(m.slug);
  }
  const rows = [
    { slug: PLATFORM_SLUG, name_zh: '平台运营', name_en: 'Platform operations', kind: 'platform' as const, timezone: 'Asia/Shanghai', plugins: '[]' },
    ...manifests.map((m) => ({
      slug: m.slug,
      name_zh: m.name['zh-CN'],
      name_en: m.name.en,
      kind: m.kind,
      timezone: m.timezone,
      plugins: JSON.stringify(m.plugins),
    })),
  ];
  await db
    .insertInto('tenants')
    .values(rows)
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        kind: eb.ref('excluded.kind'),
        timezone: eb.ref('excluded.timezone'),
        plugins: eb.ref('excluded.plugins'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}
