// Housekeeping: removes expired sessions of every tenant and sign-in failures older than the
// per-address window, hourly. Idempotent by nature.
import type { Clock } from '../core/clock/clock.ts';
import type { Db } from '../core/db/database.ts';
import { deleteOldIpFailures } from '../core/sessions/login-failures.ts';
import { deleteExpiredSessions } from '../core/sessions/session-service.ts';
import type { TenantDirectory } from '../core/tenancy/tenant-directory.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';

export async function expireSessions(db: Db, tenants: TenantDirectory, clock: Clock): Promise<number> {
  const now = clock.now();
  let removed = 0;
  for (const tenant of await tenants.all()) {
    removed += await withTenant(db, tenant.id, (tx) => deleteExpiredSessions(tx, now));
  }
  await deleteOldIpFailures(db, now);
  return removed;
}
