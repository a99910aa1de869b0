// Row type of support access grants: a platform operator's time-limited, read-only access to a tenant.
import type { Generated, Selectable } from 'kysely';

export const grantStatuses = ['requested', 'approved', 'rejected', 'revoked'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

export interface SupportAccessGrantsTable {
  tenant_id: string;
  id: Generated<string>;
  operator_user_id: string;
  operator_email: string;
  reason: string;
  hours: number;
  status: Generated<GrantStatus>;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  expires_at: Date | null;
}

export type SupportAccessGrant = Selectable<SupportAccessGrantsTable>;
