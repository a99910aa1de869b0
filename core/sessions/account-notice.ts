// Tells the user that something changed on their account (ASVS 2.2.3, 2.5.x): password changed,
// 2FA enrolled or reset, sessions ended. For now the notice is an audit row the user's own account
// page can show; this is THE hook to hand it to the in-app inbox and e-mail (core/reminders and
// core/delivery are reminder-shaped today: a notice has no reminder row).
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';

export type AccountNoticeKind = 'password_changed' | 'totp_enabled' | 'totp_reset' | 'recovery_codes_renewed' | 'sessions_ended';

export async function accountNotice(
  tx: Tx,
  notice: { tenantId: string; userId: string; kind: AccountNoticeKind; endedSessions?: number; byUserId?: string; requestId?: string | null },
): Promise<void> {
  await recordAudit(tx, {
    tenantId: notice.tenantId,
    actorUserId: notice.byUserId ?? notice.userId,
    action: `account_notice.${notice.kind}`,
    entity: 'user',
    entityId: notice.userId,
    changes: notice.endedSessions === undefined ? null : { sessions: { before: notice.endedSessions, after: 0 } },
    requestId: notice.requestId ?? null,
  });
}
