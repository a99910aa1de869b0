// What every process does first: open (and migrate) the database, sync the tenant
// manifests, and on demo installs make sure the demo sign-ins exist.
import type { Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/open-database.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { resealLegacyIdNumbers } from '../students/reseal-id-numbers.ts';
import type { Logger } from '../log/logger.ts';
import type { TenantManifest } from '../tenancy/manifest.ts';
import { syncTenants } from '../tenancy/sync-tenants.ts';
import { tenantDirectory, type TenantDirectory } from '../tenancy/tenant-directory.ts';

export interface Core {
  database: DatabaseHandle;
  tenants: TenantDirectory;
}

export async function bootCore(config: Config, log: Logger, manifests: readonly TenantManifest[]): Promise<Core> {
  const database = await openDatabase(config);
  log.info({ engine: database.kind }, 'database migrated and open');
  await syncTenants(database.db, manifests);
  // Rows written before ID numbers were sealed (migration 0009) are sealed now, once.
  const sealed = await resealLegacyIdNumbers(database.db, config.pii);
  if (sealed > 0) log.info({ sealed }, 'sealed legacy plaintext ID numbers');
  const tenants = tenantDirectory(database.db);
  if (config.DEMO) {
    await seedDemo(database.db, await tenants.all(), config.pii);
    log.info('demo users ready');
  }
  return { database, tenants };
}
