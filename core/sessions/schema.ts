// Row type of sessions: only the SHA-256 of a session token is ever stored.
import type { ColumnType, Generated } from 'kysely';

export interface SessionsTable {
  tenant_id: string;
  /** Hex SHA-256 of the token held in the cookie. */
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
  /** What the session may reach: 'full' the app; the others only their sign-in step. */
  stage: ColumnType<SessionStage, SessionStage | undefined, SessionStage>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  absolute_expires_at: ColumnType<Date, Date | undefined, Date>;
  /** Last time the user proved the password again (fresh sign-in for unmasking, ASVS 3.7.1). */
  reauthenticated_at: Date | null;
}

export const sessionStages = ['full', 'totp', 'enrol', 'rotate'] as const;
export type SessionStage = (typeof sessionStages)[number];

/** Failed sign-ins by client address, across tenants (no RLS: only an address and a time). */
export interface LoginIpFailuresTable {
  id: Generated<string>;
  ip: string;
  at: Date;
}
