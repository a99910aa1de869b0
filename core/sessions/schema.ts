// Row type of sessions: only the SHA-256 of a session token is ever stored.
import type { Generated } from 'kysely';

export interface SessionsTable {
  tenant_id: string;
  /** Hex SHA-256 of the token held in the cookie. */
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}
