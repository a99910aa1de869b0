// Re-seals users' TOTP secrets (enabled and pending) with the current PII key, so `npm run
// keys:rotate` leaves nothing under an old key id and the old key can leave PII_KEYS.
import { sql } from 'kysely';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secret.ts';

const BATCH = 500;

/** One tenant's users, in batches of one transaction each; returns how many secrets were re-sealed. */
export async function resealTotpSecrets(db: Db, pii: PiiKeyring, tenantId: string): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await withTenant(db, tenantId, async (tx) => {
      const rows = await tx
        .selectFrom('users')
        .select(['id', 'tenant_id', 'totp_secret_ciphertext', 'totp_secret_key_id', 'totp_pending_ciphertext', 'totp_pending_key_id'])
        .where((eb) =>
          eb.or([
            eb.and([eb('totp_secret_ciphertext', 'is not', null), eb('totp_secret_key_id', '<>', pii.currentKeyId)]),
            eb.and([eb('totp_pending_ciphertext', 'is not', null), eb('totp_pending_key_id', '<>', pii.currentKeyId)]),
          ]),
        )
        .limit(BATCH)
        .forUpdate()
        .execute();
      let sealed = 0;
      for (const row of rows) {
        const secret = openTotpSecret(pii, row);
        const pending = openTotpSecret(pii, { ...row, totp_secret_ciphertext: row.totp_pending_ciphertext, totp_secret_key_id: row.totp_pending_key_id });
        const current = secret === null ? {} : sealTotpSecret(pii, row.tenant_id, row.id, secret);
        const next = pending === null ? null : sealTotpSecret(pii, row.tenant_id, row.id, pending);
        await tx
          .updateTable('users')
          .set({
            ...current,
            ...(next ? { totp_pending_ciphertext: next.totp_secret_ciphertext, totp_pending_key_id: next.totp_secret_key_id } : {}),
            updated_at: sql`now()`,
          })
          .where('id', '=', row.id)
          .execute();
        sealed += (secret === null ? 0 : 1) + (pending === null ? 0 : 1);
      }
      return { rows: rows.length, sealed };
    });
    done += n.sealed;
    if (n.rows < BATCH) return done;
  }
}
