// Small factories: each test makes its own tenant, so tests never see each other's rows.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import type { OrganizationKind } from '../../core/organizations/schema.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { hashPassword } from '../../core/users/password.ts';
import type { Role } from '../../core/users/schema.ts';

export const TEST_PASSWORD = 'Test-password-2026';
let passwordHash: Promise<string> | undefined;

export const uniqueSlug = (prefix = 't') => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function makeTenant(db: Db, overrides: Partial<{ slug: string; kind: Tenant['kind'] }> = {}): Promise<Tenant> {
  const slug = overrides.slug ?? uniqueSlug();
  return db
    .insertInto('tenants')
    .values({ slug, name_zh: `测试${slug}`, name_en: `Test ${slug}`, kind: overrides.kind ?? 'county', timezone: 'Asia/Shanghai', plugins: '[]' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeOrganization(db: Db, tenant: Tenant, kind: OrganizationKind = 'school', name = '测试学校') {
  return withTenant(db, tenant.id, (tx) =>
    tx.insertInto('organizations').values({ tenant_id: tenant.id, kind, name }).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function makeUser(
  db: Db,
  tenant: Tenant,
  options: { role?: Role; email?: string; organizationId?: string | null; password?: string } = {},
) {
  const role = options.role ?? 'bureau_admin';
  const needsOrg = ['school_admin', 'teacher', 'enterprise_mentor', 'department_officer'].includes(role);
  const organizationId =
    options.organizationId ?? (needsOrg ? (await makeOrganization(db, tenant, role === 'enterprise_mentor' ? 'enterprise' : 'school')).id : null);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = options.password ? await hashPassword(options.password) : await passwordHash;
  const email = options.email ?? `${role}-${randomBytes(4).toString('hex')}@example.cn`;
  const user = await withTenant(db, tenant.id, (tx) =>
    tx
      .insertInto('users')
      .values({ tenant_id: tenant.id, email, display_name: `用户 ${email}`, role, organization_id: organizationId, password_hash: hash })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { ...user, password: options.password ?? TEST_PASSWORD };
}
