// A password change ends every session of the user (a thief's too), opens one new one for this
// device and tells the user (ASVS 2.2.3, 3.3.3). The new password must not contain the e-mail's
// local part nor be a common password for this user.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { accountNotice } from '../sessions/account-notice.ts';
import { createSession, invalidateUserSessions } from '../sessions/session-service.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { findUserById } from './queries.ts';

export interface ChangePasswordInput {
  tenant: Tenant;
  userId: string;
  currentPassword: string;
  newPassword: string;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date; absoluteExpiresAt: Date; endedSessions: number }
  | { ok: false; reason: 'wrongCurrentPassword' | 'samePassword' | 'containsEmail' | 'common' };

export async function changePassword(tx: Tx, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const user = await findUserById(tx, input.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    return { ok: false, reason: 'wrongCurrentPassword' };
  }
  if (input.currentPassword === input.newPassword) return { ok: false, reason: 'samePassword' };
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) return { ok: false, reason: problem };
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
  // Every factor was proven by the session that asked: the new one is complete.
  const session = await createSession(tx, {
    tenant: input.tenant,
    userId: user.id,
    role: user.role,
    stage: 'full',
    now: input.now,
    userAgent: input.userAgent ?? null,
    ip: input.ip ?? null,
  });
  await recordAudit(tx, {
    tenantId: input.tenant.id,
    actorUserId: user.id,
    action: 'password.change',
    entity: 'user',
    entityId: user.id,
    changes: { password_hash: { before: '[redacted]', after: '[redacted]' } },
    requestId: input.requestId ?? null,
  });
  await accountNotice(tx, { tenantId: input.tenant.id, userId: user.id, kind: 'password_changed', endedSessions, requestId: input.requestId ?? null });
  return { ok: true, ...session, endedSessions };
}
