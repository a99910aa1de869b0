// Row type of recovery codes: ten per user, stored as SHA-256, each usable once.
import type { Generated } from 'kysely';

export interface RecoveryCodesTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Generated<Date>;
  used_at: Date | null;
}
