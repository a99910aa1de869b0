// Demo users for every tenant (and the platform operator), created idempotently at start.
import type { Db } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { hashPassword } from '../users/password.ts';
import { ensureUser } from '../users/queries.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts.ts';

export async function seedDemo(db: Db, tenants: readonly Tenant[]): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const tenant of tenants) {
    await withTenant(db, tenant.id, async (tx) => {
      // Schools and teachers belong to a school; one demo school per tenant holds them.
      let school = await tx
        .selectFrom('organizations')
        .select('id')
        .where('kind', '=', 'school')
        .orderBy('created_at')
        .executeTakeFirst();
      if (!school && tenant.kind !== 'platform') {
        school = await tx
          .insertInto('organizations')
          .values({ tenant_id: tenant.id, kind: 'school', name: `${tenant.name_zh}职业教育中心（演示）` })
          .returning('id')
          .executeTakeFirstOrThrow();
      }
      for (const account of demoAccounts(tenant.slug)) {
        const needsSchool = account.role === 'school_admin' || account.role === 'teacher';
        await ensureUser(tx, {
          tenantId: tenant.id,
          email: account.email,
          displayName: account.name['zh-CN'],
          role: account.role,
          organizationId: needsSchool ? (school?.id ?? null) : null,
          passwordHash,
        });
      }
    });
  }
}
