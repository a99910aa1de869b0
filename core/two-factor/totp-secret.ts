// The TOTP secret at rest: sealed with the PII keyring (AES-256-GCM, key id beside it), bound to
// the tenant and user, so a copied ciphertext does not open for another account.
import { open, seal, type PiiKeyring } from '../crypto/pii-crypto.ts';

const context = (tenantId: string, userId: string) => `users.totp_secret:${tenantId}:${userId}`;

export function sealTotpSecret(ring: PiiKeyring, tenantId: string, userId: string, secret: string) {
  const sealed = seal(ring, secret, context(tenantId, userId));
  return { totp_secret_ciphertext: sealed.ciphertext, totp_secret_key_id: sealed.keyId };
}

export function openTotpSecret(
  ring: PiiKeyring,
  user: { tenant_id: string; id: string; totp_secret_ciphertext: string | null; totp_secret_key_id: string | null },
): string | null {
  if (!user.totp_secret_ciphertext || !user.totp_secret_key_id) return null;
  return open(ring, { ciphertext: user.totp_secret_ciphertext, keyId: user.totp_secret_key_id }, context(user.tenant_id, user.id));
}
