// Tells the user that something changed on their account (ASVS 2.2.3): password changed, 2FA
// enrolled or reset, recovery codes renewed, sessions ended. In the change's own transaction: an
// audit row, and a reminder of kind 'account' in the outbox with the user's in-app inbox entry;
// when the tenant sends e-mail, an e-mail delivery to the user that the deliver worker sends.
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import type { Role } from '../users/schema.ts';
import { accountNoticeTitle, ACCOUNT_NOTICE_CLAUSE } from './account-notice-texts.ts';

export type AccountNoticeKind = 'password_changed' | 'totp_enabled' | 'totp_reset' | 'recovery_codes_renewed' | 'sessions_ended';

/** The outbox's plugin id for notices that come from core rather than a policy plugin. */
export const ACCOUNT_NOTICE_PLUGIN = 'core.account';

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

  const user = await tx.selectFrom('users').select(['id', 'email']).where('id', '=', notice.userId).executeTakeFirstOrThrow();
  const settings = await tx.selectFrom('delivery_settings').select('email_enabled').executeTakeFirst();
  const byEmail = Boolean(settings?.email_enabled && user.email);
  // Recipients are empty on purpose: no role fan-out, the one user is named below. Without an
  // e-mail to send the row is sent already; with one the worker's reconciliation picks it up.
  const reminder = await tx
    .insertInto('reminders')
    .values({
      tenant_id: notice.tenantId,
      plugin_id: ACCOUNT_NOTICE_PLUGIN,
      reminder_id: notice.kind,
      kind: 'account',
      subject_type: 'user',
      subject_id: notice.userId,
      period: new Date().toISOString(),
      title: JSON.stringify(accountNoticeTitle(notice.kind, notice.endedSessions ?? 0)),
      clause: ACCOUNT_NOTICE_CLAUSE,
      recipients: sql<Role[]>`'{}'::text[]`,
      ...(byEmail ? {} : { status: 'sent' as const, sent_at: sql<Date>`now()` }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('notifications').values({ tenant_id: notice.tenantId, user_id: user.id, reminder_id: reminder.id }).execute();
  if (byEmail) {
    await tx.insertInto('reminder_deliveries').values({ tenant_id: notice.tenantId, reminder_id: reminder.id, channel: 'email', target: user.email }).execute();
  }
}
