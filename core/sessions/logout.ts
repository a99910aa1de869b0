// Signing out: the session row goes, and the audit log says who left and when.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { invalidateSession, type ValidSession } from './session-service.ts';

export async function logout(tx: Tx, session: ValidSession, requestId: string | null): Promise<void> {
  await invalidateSession(tx, session.id);
  await recordAudit(tx, {
    tenantId: session.user.tenantId,
    actorUserId: session.user.id,
    action: 'logout',
    entity: 'user',
    entityId: session.user.id,
    requestId,
  });
}
