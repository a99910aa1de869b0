// Demo users for every tenant (and the platform operator), and for each region a demo data
// set, created idempotently at start: users by e-mail, the data set once per tenant.
import type { Db, Tx } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { hashPassword } from '../users/password.ts';
import { ensureUser } from '../users/queries.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from './demo-accounts.ts';
import { sealTotpSecret } from '../two-factor/totp-secret.ts';
import { enterprises } from './demo-catalog.ts';
import { seedDomain } from './seed-domain.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';

/** The demo department officer's unit, a lead unit of the demo tasks (and of plugin tasks that name it). */
export const DEMO_DEPARTMENT = '发展改革局';

async function firstOrganization(tx: Tx, tenant: Tenant, kind: 'school' | 'enterprise' | 'department', name: string): Promise<{ id: string; created: boolean }> {
  const found = await tx.selectFrom('organizations').select('id').where('kind', '=', kind).orderBy('created_at').orderBy('id').executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const created = await tx.insertInto('organizations').values({ tenant_id: tenant.id, kind, name }).returning('id').executeTakeFirstOrThrow();
  return { id: created.id, created: true };
}

export async function seedDemo(db: Db, tenants: readonly Tenant[], pii: PiiKeyring, now: Date = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const tenant of tenants) {
    await withTenant(db, tenant.id, async (tx) => {
      const platform = tenant.kind === 'platform';
      // School roles belong to a school, the mentor to an enterprise, the officer to a department;
      // the first of each holds them.
      const school = platform ? undefined : await firstOrganization(tx, tenant, 'school', `${tenant.name_zh}职业教育中心`);
      const enterprise = platform ? undefined : await firstOrganization(tx, tenant, 'enterprise', enterprises[0].name);
      const department = platform ? undefined : await firstOrganization(tx, tenant, 'department', DEMO_DEPARTMENT);
      const ids: Record<string, string> = {};
      for (const account of demoAccounts(tenant.slug)) {
        const organizationId =
          account.role === 'school_admin' || account.role === 'teacher'
            ? (school?.id ?? null)
            : account.role === 'enterprise_mentor'
              ? (enterprise?.id ?? null)
              : account.role === 'department_officer'
                ? (department?.id ?? null)
                : null;
        ids[account.role] = await ensureUser(tx, {
          tenantId: tenant.id,
          email: account.email,
          displayName: account.name['zh-CN'],
          role: account.role,
          organizationId,
          passwordHash,
        });
        // Enrolled with the documented demo secret, unless the account enrolled its own since.
        await tx
          .updateTable('users')
          .set({ ...sealTotpSecret(pii, tenant.id, ids[account.role]!, DEMO_TOTP_SECRET), totp_enabled_at: now })
          .where('id', '=', ids[account.role]!)
          .where('totp_enabled_at', 'is', null)
          .execute();
      }
      if (school && department && enterprise?.created) {
        await seedDomain(
          tx,
          tenant,
          { schoolId: school.id, teacherUserId: ids.teacher!, mentorUserId: ids.enterprise_mentor!, mentorEnterpriseId: enterprise.id, departmentId: department.id },
          now,
          pii,
        );
      }
    });
  }
}
