// Row type of the append-only audit log.
import type { ColumnType, Generated } from 'kysely';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditLogTable {
  tenant_id: string;
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: ColumnType<FieldChanges | null, string | null, never>;
  request_id: string | null;
  /** Position in the tenant's chain, the previous row's hash and this row's: set by a trigger. */
  chain_seq: ColumnType<string, never, never>;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string, never, never>;
}
