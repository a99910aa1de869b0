// The code step of signing in: a TOTP code (or one recovery code) turns the short 'totp' session
// into a new session (a fresh token: ASVS 3.2.1). A wrong code counts like a wrong password.
import { recordAudit } from '../audit/record-audit.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Tx } from '../db/database.ts';
import { clearAccountFailures, ipLimited, isLocked, recordAccountFailure, recordIpFailure } from '../sessions/login-failures.ts';
import type { SessionStage } from '../sessions/schema.ts';
import { createSession, invalidateSession, type ValidSession } from '../sessions/session-service.ts';
import { stageAfterSecondFactor } from '../sessions/sign-in-stage.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { findUserById } from '../users/queries.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { matchTotp } from './totp.ts';
import { openTotpSecret } from './totp-secret.ts';

export interface SecondFactorInput {
  tenant: Tenant;
  pending: ValidSession;
  code?: string | undefined;
  recoveryCode?: string | undefined;
  pii: PiiKeyring;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type SecondFactorResult =
  | { ok: true; token: string; expiresAt: Date; absoluteExpiresAt: Date; stage: SessionStage; recoveryCodesLeft?: number }
  | { ok: false; reason: 'invalid' | 'rateLimited' };

export async function completeSecondFactor(tx: Tx, input: SecondFactorInput): Promise<SecondFactorResult> {
  const user = await findUserById(tx, input.pending.user.id);
  if (!user || !user.totp_enabled_at) return { ok: false, reason: 'invalid' };
  if (await ipLimited(tx, input.ip, input.now)) return { ok: false, reason: 'rateLimited' };
  const audit = (action: string) =>
    recordAudit(tx, { tenantId: input.tenant.id, actorUserId: user.id, action, entity: 'user', entityId: user.id, requestId: input.requestId ?? null });

  let accepted = false;
  let step: number | null = null;
  if (!isLocked(user, input.now)) {
    if (input.code) {
      const secret = openTotpSecret(input.pii, user);
      step = secret ? matchTotp(secret, input.code, input.now, user.totp_last_step === null ? null : Number(user.totp_last_step)) : null;
      accepted = step !== null;
    } else if (input.recoveryCode) {
      accepted = await useRecoveryCode(tx, user.id, input.recoveryCode, input.now);
    }
  }
  if (!accepted) {
    const locked = isLocked(user, input.now) ? false : await recordAccountFailure(tx, user, input.now);
    await recordIpFailure(tx, input.ip, input.now);
    await audit(locked ? 'login.locked' : 'login.second_factor_failed');
    return { ok: false, reason: 'invalid' };
  }
  await clearAccountFailures(tx, user);
  if (step !== null) await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', user.id).execute();
  await invalidateSession(tx, input.pending.id);
  const stage = stageAfterSecondFactor(user, input.tenant, input.now);
  const session = await createSession(tx, {
    tenant: input.tenant,
    userId: user.id,
    role: user.role,
    stage,
    now: input.now,
    userAgent: input.userAgent ?? null,
    ip: input.ip ?? null,
  });
  if (input.recoveryCode) {
    await audit('recovery_code.used');
    const left = await tx.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await audit('login');
    return { ok: true, ...session, stage, recoveryCodesLeft: left.length };
  }
  await audit('login');
  return { ok: true, ...session, stage };
}
