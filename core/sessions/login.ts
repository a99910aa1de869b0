// Password sign-in with an account lock: 5 failures in a row lock it for 15 minutes.
// Unknown e-mail, wrong password and locked account all answer the same, in the same time.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { burnPasswordCheck, verifyPassword } from '../users/password.ts';
import { findUserByEmail } from '../users/queries.ts';
import { createSession } from './session-service.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

export interface LoginInput {
  tenantId: string;
  email: string;
  password: string;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type LoginResult = { ok: true; token: string; expiresAt: Date; userId: string } | { ok: false };

/** Returns a value, never throws for bad credentials: the failure counter must commit. */
export async function login(tx: Tx, input: LoginInput): Promise<LoginResult> {
  const user = await findUserByEmail(tx, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    return { ok: false };
  }
  const audit = (action: string) =>
    recordAudit(tx, {
      tenantId: input.tenantId,
      actorUserId: user.id,
      action,
      entity: 'user',
      entityId: user.id,
      requestId: input.requestId ?? null,
    });

  const locked = user.locked_until !== null && user.locked_until.getTime() > input.now.getTime();
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (locked) {
    await audit('login.rejected_locked');
    return { ok: false };
  }
  if (!passwordOk) {
    const failures = user.failed_logins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await tx
      .updateTable('users')
      .set({
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(input.now.getTime() + LOCK_MS) : user.locked_until,
      })
      .where('id', '=', user.id)
      .execute();
    await audit(lock ? 'login.locked' : 'login.failed');
    return { ok: false };
  }
  if (user.failed_logins > 0 || user.locked_until !== null) {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  const session = await createSession(tx, {
    tenantId: input.tenantId,
    userId: user.id,
    now: input.now,
    userAgent: input.userAgent ?? null,
    ip: input.ip ?? null,
  });
  await audit('login');
  return { ok: true, ...session, userId: user.id };
}
