// Small factories: each test makes its own tenant, so tests never see each other's rows.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import type { OrganizationKind } from '../../core/organizations/schema.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { hashPassword } from '../../core/users/password.ts';
import type { DutyRole, Role } from '../../core/users/schema.ts';
import { sealTotpSecret } from '../../core/two-factor/totp-secret.ts';
import { testPii } from './test-pii.ts';

export const TEST_PASSWORD = 'Test-password-2026';
/** Every factory user is enrolled in 2FA with this secret, unless made with `totp: false`. */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
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
  options: { role?: Role; email?: string; organizationId?: string | null; password?: string; totp?: boolean; extraRoles?: DutyRole[] } = {},
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
      .values({
        tenant_id: tenant.id,
        email,
        display_name: `用户 ${email}`,
        role,
        extra_roles: options.extraRoles ?? [],
        organization_id: organizationId,
        password_hash: hash,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  if (options.totp !== false) await enrolTotp(db, tenant, user.id, TEST_TOTP_SECRET);
  return { ...user, password: options.password ?? TEST_PASSWORD, totpSecret: options.totp === false ? null : TEST_TOTP_SECRET };
}

/** Enrols the user with a known secret, as if they had scanned it (the code step then applies). */
export async function enrolTotp(db: Db, tenant: Tenant, userId: string, secret: string) {
  await withTenant(db, tenant.id, (tx) =>
    tx
      .updateTable('users')
      .set({ ...sealTotpSecret(testPii, tenant.id, userId, secret), totp_enabled_at: new Date('2026-01-01T00:00:00Z') })
      .where('id', '=', userId)
      .execute(),
  );
}
