// A password change ends every session of the user (a thief's too) and opens one new one.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { createSession, invalidateUserSessions } from '../sessions/session-service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { findUserById } from './queries.ts';

export interface ChangePasswordInput {
  tenantId: string;
  userId: string;
  currentPassword: string;
  newPassword: string;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date; endedSessions: number }
  | { ok: false; reason: 'wrongCurrentPassword' | 'samePassword' };

export async function changePassword(tx: Tx, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const user = await findUserById(tx, input.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    return { ok: false, reason: 'wrongCurrentPassword' };
  }
  if (input.currentPassword === input.newPassword) return { ok: false, reason: 'samePassword' };
  await tx
    .updateTable('users')
    .set({
      password_hash: await hashPassword(input.newPassword),
      password_changed_at: input.now,
      updated_at: input.now,
      version: user.version + 1,
    })
    .where('id', '=', user.id)
    .execute();
  const endedSessions = await invalidateUserSessions(tx, user.id);
  const session = await createSession(tx, {
    tenantId: input.tenantId,
    userId: user.id,
    now: input.now,
    userAgent: input.userAgent ?? null,
    ip: input.ip ?? null,
  });
  await recordAudit(tx, {
    tenantId: input.tenantId,
    actorUserId: user.id,
    action: 'password.change',
    entity: 'user',
    entityId: user.id,
    changes: { password_hash: { before: '[redacted]', after: '[redacted]' } },
    requestId: input.requestId ?? null,
  });
  return { ok: true, ...session, endedSessions };
}
