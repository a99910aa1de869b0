// Writes one audit row in the caller's transaction, so the row exists exactly when the change does.
import type { FieldChanges } from './schema.ts';
import type { Tx } from '../db/database.ts';

export interface AuditEntry {
  tenantId: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  changes?: FieldChanges | null;
  requestId?: string | null;
}

const auditRow = (entry: AuditEntry) => ({
  tenant_id: entry.tenantId,
  actor_user_id: entry.actorUserId,
  action: entry.action,
  entity: entry.entity,
  entity_id: entry.entityId ?? null,
  changes: entry.changes ? JSON.stringify(entry.changes) : null,
  request_id: entry.requestId ?? null,
});

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insertInto('audit_log').values(auditRow(entry)).execute();
}

/**
 * Many audit rows in few statements (imports). The chain trigger still runs once per row, in
 * the order given, each row seeing the one before it, so the chain is the same as row by row.
 */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insertInto('audit_log').values(entries.slice(i, i + 1000).map(auditRow)).execute();
  }
}

/** The fields whose value differs, with before and after; secrets are named but never stored. */
export function diffFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  secret: readonly string[] = [],
): FieldChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChanges = {};
  for (const key of keys) {
    const b = before?.[key];
    const a = after?.[key];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = secret.includes(key) ? { before: '[redacted]', after: '[redacted]' } : { before: b ?? null, after: a ?? null };
  }
  return changes;
}
