// Reads of unmasked personal data are audited: who, whose record, which fields (ASVS 8.3.5),
// never the value itself.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';

export async function auditSensitiveRead(
  tx: Tx,
  entry: { tenantId: string; actorUserId: string; entity: string; entityId: string; fields: readonly string[]; requestId: string | null; action?: string },
): Promise<void> {
  await recordAudit(tx, {
    tenantId: entry.tenantId,
    actorUserId: entry.actorUserId,
    action: entry.action ?? 'unmask',
    entity: entry.entity,
    entityId: entry.entityId,
    changes: Object.fromEntries(entry.fields.map((f) => [f, { before: null, after: '[shown unmasked]' }])),
    requestId: entry.requestId,
  });
}
