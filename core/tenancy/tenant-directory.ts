// Resolves a URL slug to its tenant on every request, so it is cached; a short time-to-live
// lets a tenant created by another process appear without a restart.
import type { Db } from '../db/database.ts';
import type { Tenant } from './schema.ts';
import { PLATFORM_SLUG } from './sync-tenants.ts';

export interface TenantDirectory {
  bySlug(slug: string): Promise<Tenant | undefined>;
  platform(): Promise<Tenant>;
  /** The regions, without the platform scope. */
  list(): Promise<Tenant[]>;
  /** Every tenant row, the platform scope included: for jobs that visit each one. */
  all(): Promise<Tenant[]>;
}

export function tenantDirectory(db: Db, ttlMs = 30_000, now: () => number = Date.now): TenantDirectory {
  const cache = new Map<string, { tenant: Tenant | undefined; at: number }>();
  const load = async (slug: string) => {
    const tenant = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    // Unknown slugs are not cached for long, so a just-created tenant is found at once.
    cache.set(slug, { tenant, at: tenant ? now() : now() - ttlMs + 1_000 });
    return tenant;
  };
  return {
    async bySlug(slug) {
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return undefined;
      const hit = cache.get(slug);
      if (hit && now() - hit.at < ttlMs) return hit.tenant;
      return load(slug);
    },
    async platform() {
      const tenant = await this.bySlug(PLATFORM_SLUG);
      if (!tenant) throw new Error('the platform scope is missing: tenants were not synced');
      return tenant;
    },
    list: () => db.selectFrom('tenants').selectAll().where('kind', '<>', 'platform').orderBy('slug').execute(),
    all: () => db.selectFrom('tenants').selectAll().orderBy('slug').execute(),
  };
}
