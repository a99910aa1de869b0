// Row types of the tenants table: the one table that is not tenant-scoped, since it lists them.
import type { ColumnType, Generated, Selectable } from 'kysely';

export const tenantKinds = ['county', 'corps-division', 'high-tech-zone', 'city', 'district'] as const;
/** `platform` is the scope of the platform operators, not a region: it never appears in lists. */
export type TenantKind = (typeof tenantKinds)[number] | 'platform';

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name_zh: string;
  name_en: string;
  kind: TenantKind;
  timezone: string;
  plugins: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Security settings (migration 0008), changed by the tenant's security_admin. */
  require_2fa_all: Generated<boolean>;
  /** Idle minutes for teachers and mentors (30–480); null keeps the 30-minute default. */
  extended_idle_minutes: number | null;
  /** Passwords expire after 90 days when on. */
  password_rotation: Generated<boolean>;
}

export type Tenant = Selectable<TenantsTable>;
