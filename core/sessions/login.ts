// The password step of signing in. Unknown e-mail, wrong password and locked account all answer
// the same, in the same time; an address that failed too often is refused outright (429).
// The session it opens reaches the app only when no second step is due (see sign-in-stage.ts).
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { burnPasswordCheck, verifyPassword } from '../users/password.ts';
import { findUserByEmail } from '../users/queries.ts';
import { clearAccountFailures, ipLimited, isLocked, recordAccountFailure, recordIpFailure } from './login-failures.ts';
import type { SessionStage } from './schema.ts';
import { createSession } from './session-service.ts';
import { stageAfterPassword } from './sign-in-stage.ts';

export { LOCK_MS, MAX_FAILED_LOGINS } from './login-failures.ts';

export interface LoginInput {
  tenant: Tenant;
  email: string;
  password: string;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; absoluteExpiresAt: Date; userId: string; stage: SessionStage }
  | { ok: false; reason: 'invalid' | 'rateLimited' };

/** Returns a value, never throws for bad credentials: the failure counters must commit. */
export async function login(tx: Tx, input: LoginInput): Promise<LoginResult> {
  const tenantId = input.tenant.id;
  if (await ipLimited(tx, input.ip, input.now)) {
    await burnPasswordCheck(input.password);
    await recordAudit(tx, { tenantId, actorUserId: null, action: 'login.rate_limited', entity: 'ip', entityId: input.ip ?? null, requestId: input.requestId ?? null });
    return { ok: false, reason: 'rateLimited' };
  }
  const user = await findUserByEmail(tx, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    await recordIpFailure(tx, input.ip, input.now);
    return { ok: false, reason: 'invalid' };
  }
  const audit = (action: string) =>
    recordAudit(tx, { tenantId, actorUserId: user.id, action, entity: 'user', entityId: user.id, requestId: input.requestId ?? null });

  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (isLocked(user, input.now)) {
    await recordIpFailure(tx, input.ip, input.now);
    await audit('login.rejected_locked');
    return { ok: false, reason: 'invalid' };
  }
  if (!passwordOk) {
    const locked = await recordAccountFailure(tx, user, input.now);
    await recordIpFailure(tx, input.ip, input.now);
    await audit(locked ? 'login.locked' : 'login.failed');
    return { ok: false, reason: 'invalid' };
  }
  const stage = stageAfterPassword(user, input.tenant, input.now);
  // The account counter is cleared only once every factor has passed.
  if (stage !== 'totp') await clearAccountFailures(tx, user);
  const session = await createSession(tx, {
    tenant: input.tenant,
    userId: user.id,
    role: user.role,
    stage,
    now: input.now,
    userAgent: input.userAgent ?? null,
    ip: input.ip ?? null,
  });
  await audit(stage === 'full' ? 'login' : `login.password_ok`);
  return { ok: true, ...session, userId: user.id, stage };
}
