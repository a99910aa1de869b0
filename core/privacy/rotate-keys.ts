// Everything sealed with the PII keyring, re-sealed with its current key: students' 身份证号 and
// users' TOTP secrets (enabled and pending). Afterwards `remaining` must be zero before an old
// key is taken out of PII_KEYS (docs/security.md, key rotation).
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Db } from '../db/database.ts';
import { resealIdNumbers } from '../students/reseal-id-numbers.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { resealTotpSecrets } from '../two-factor/reseal-totp-secrets.ts';

export interface RotationReport {
  keyId: string;
  idNumbers: number;
  totpSecrets: number;
  /** Values still sealed with another key after the run (0 when it succeeded). */
  remaining: number;
  byTenant: Record<string, { idNumbers: number; totpSecrets: number }>;
}

export async function rotatePiiKeys(db: Db, pii: PiiKeyring): Promise<RotationReport> {
  const tenants = await db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
  const report: RotationReport = { keyId: pii.currentKeyId, idNumbers: 0, totpSecrets: 0, remaining: 0, byTenant: {} };
  for (const tenant of tenants) {
    const idNumbers = await resealIdNumbers(db, pii, tenant.id);
    const totpSecrets = await resealTotpSecrets(db, pii, tenant.id);
    report.byTenant[tenant.slug] = { idNumbers, totpSecrets };
    report.idNumbers += idNumbers;
    report.totpSecrets += totpSecrets;
    report.remaining += await sealedWithOtherKeys(db, pii, tenant.id);
  }
  return report;
}

/** How many of a tenant's sealed values are not under the current key. */
export async function sealedWithOtherKeys(db: Db, pii: PiiKeyring, tenantId: string): Promise<number> {
  return withTenant(db, tenantId, async (tx) => {
    const students = await tx
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => eb.or([eb('id_number', 'is not', null), eb('id_number_key_id', '<>', pii.currentKeyId)]))
      .executeTakeFirstOrThrow();
    const users = await tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) =>
        eb.or([
          eb.and([eb('totp_secret_ciphertext', 'is not', null), eb('totp_secret_key_id', '<>', pii.currentKeyId)]),
          eb.and([eb('totp_pending_ciphertext', 'is not', null), eb('totp_pending_key_id', '<>', pii.currentKeyId)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(students.n) + Number(users.n);
  });
}
