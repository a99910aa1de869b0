// Enrolling an authenticator: a new secret is kept pending (sealed) until a code from it is
// confirmed; then it becomes the user's secret, ten recovery codes are issued, and every other
// session of the user ends (ASVS 2.2.3 / 3.3.3). A security_admin's reset clears it all.
import { renderSVG } from 'uqr';
import { recordAudit } from '../audit/record-audit.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Tx } from '../db/database.ts';
import { accountNotice } from '../sessions/account-notice.ts';
import type { SessionStage } from '../sessions/schema.ts';
import { createSession, invalidateSession, invalidateUserSessions, type ValidSession } from '../sessions/session-service.ts';
import { stageAfterSecondFactor } from '../sessions/sign-in-stage.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { findUserById } from '../users/queries.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { generateTotpSecret, matchTotp, totpUri } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secret.ts';

export const TOTP_ISSUER = 'Chanjiao 产教';

export interface EnrolmentStart {
  secret: string;
  uri: string;
  /** The URI as a QR code, an SVG document (no script, safe to inline). */
  qrSvg: string;
}

export async function startEnrolment(tx: Tx, input: { tenant: Tenant; session: ValidSession; pii: PiiKeyring }): Promise<EnrolmentStart> {
  const { user } = input.session;
  const secret = generateTotpSecret();
  const sealed = sealTotpSecret(input.pii, input.tenant.id, user.id, secret);
  await tx
    .updateTable('users')
    .set({ totp_pending_ciphertext: sealed.totp_secret_ciphertext, totp_pending_key_id: sealed.totp_secret_key_id })
    .where('id', '=', user.id)
    .execute();
  const uri = totpUri(TOTP_ISSUER, `${user.email} (${input.tenant.slug})`, secret);
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2, pixelSize: 6 }) };
}

/** The secret being enrolled if there is one (a page shown again keeps the scanned code), else a new one. */
export async function pendingOrNewEnrolment(tx: Tx, input: { tenant: Tenant; session: ValidSession; pii: PiiKeyring }): Promise<EnrolmentStart> {
  const user = await findUserById(tx, input.session.user.id);
  const secret = user?.totp_pending_ciphertext
    ? openTotpSecret(input.pii, { tenant_id: user.tenant_id, id: user.id, totp_secret_ciphertext: user.totp_pending_ciphertext, totp_secret_key_id: user.totp_pending_key_id })
    : null;
  if (!secret) return startEnrolment(tx, input);
  const uri = totpUri(TOTP_ISSUER, `${input.session.user.email} (${input.tenant.slug})`, secret);
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2, pixelSize: 6 }) };
}

export interface ConfirmInput {
  tenant: Tenant;
  session: ValidSession;
  code: string;
  pii: PiiKeyring;
  now: Date;
  userAgent?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export type ConfirmResult =
  | { ok: true; recoveryCodes: string[]; endedSessions: number; newSession?: { token: string; expiresAt: Date; absoluteExpiresAt: Date; stage: SessionStage } }
  | { ok: false; reason: 'noPendingSecret' | 'wrongCode' };

export async function confirmEnrolment(tx: Tx, input: ConfirmInput): Promise<ConfirmResult> {
  const user = await findUserById(tx, input.session.user.id);
  if (!user || !user.totp_pending_ciphertext) return { ok: false, reason: 'noPendingSecret' };
  const secret = openTotpSecret(input.pii, {
    tenant_id: user.tenant_id,
    id: user.id,
    totp_secret_ciphertext: user.totp_pending_ciphertext,
    totp_secret_key_id: user.totp_pending_key_id,
  });
  const step = secret ? matchTotp(secret, input.code, input.now, null) : null;
  if (step === null) return { ok: false, reason: 'wrongCode' };
  await tx
    .updateTable('users')
    .set({
      totp_secret_ciphertext: user.totp_pending_ciphertext,
      totp_secret_key_id: user.totp_pending_key_id,
      totp_pending_ciphertext: null,
      totp_pending_key_id: null,
      totp_enabled_at: input.now,
      totp_last_step: step,
      updated_at: input.now,
      version: user.version + 1,
    })
    .where('id', '=', user.id)
    .execute();
  const recoveryCodes = await issueRecoveryCodes(tx, input.tenant.id, user.id, input.now);
  const endedSessions = await invalidateUserSessions(tx, user.id, input.session.id);
  let newSession;
  if (input.session.stage === 'enrol') {
    // Enrolment completes the sign-in: a fresh token for the fresh privilege.
    await invalidateSession(tx, input.session.id);
    const stage = stageAfterSecondFactor(user, input.tenant, input.now);
    newSession = {
      ...(await createSession(tx, { tenant: input.tenant, userId: user.id, role: user.role, stage, now: input.now, userAgent: input.userAgent ?? null, ip: input.ip ?? null })),
      stage,
    };
  }
  await recordAudit(tx, { tenantId: input.tenant.id, actorUserId: user.id, action: 'totp.enable', entity: 'user', entityId: user.id, requestId: input.requestId ?? null });
  await accountNotice(tx, { tenantId: input.tenant.id, userId: user.id, kind: 'totp_enabled', endedSessions, requestId: input.requestId ?? null });
  return { ok: true, recoveryCodes, endedSessions, ...(newSession ? { newSession } : {}) };
}

/** New recovery codes, for a signed-in user who proves the authenticator once more. */
export async function renewRecoveryCodes(
  tx: Tx,
  input: { tenant: Tenant; session: ValidSession; code: string; pii: PiiKeyring; now: Date; requestId?: string | null },
): Promise<string[] | null> {
  const user = await findUserById(tx, input.session.user.id);
  const secret = user ? openTotpSecret(input.pii, user) : null;
  const step = user && secret ? matchTotp(secret, input.code, input.now, user.totp_last_step === null ? null : Number(user.totp_last_step)) : null;
  if (!user || step === null) return null;
  await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', user.id).execute();
  const codes = await issueRecoveryCodes(tx, input.tenant.id, user.id, input.now);
  await accountNotice(tx, { tenantId: input.tenant.id, userId: user.id, kind: 'recovery_codes_renewed', requestId: input.requestId ?? null });
  return codes;
}

/** security_admin: the user's authenticator is lost. Clears 2FA and ends every session of the user. */
export async function resetTwoFactor(tx: Tx, input: { tenantId: string; userId: string; byUserId: string; now: Date; requestId?: string | null }): Promise<boolean> {
  const user = await findUserById(tx, input.userId);
  if (!user) return false;
  await tx
    .updateTable('users')
    .set({
      totp_secret_ciphertext: null,
      totp_secret_key_id: null,
      totp_pending_ciphertext: null,
      totp_pending_key_id: null,
      totp_enabled_at: null,
      totp_last_step: null,
      updated_at: input.now,
      version: user.version + 1,
    })
    .where('id', '=', user.id)
    .execute();
  await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
  const endedSessions = await invalidateUserSessions(tx, user.id);
  await recordAudit(tx, { tenantId: input.tenantId, actorUserId: input.byUserId, action: 'totp.reset', entity: 'user', entityId: user.id, requestId: input.requestId ?? null });
  await accountNotice(tx, { tenantId: input.tenantId, userId: user.id, kind: 'totp_reset', endedSessions, byUserId: input.byUserId, requestId: input.requestId ?? null });
  return true;
}
