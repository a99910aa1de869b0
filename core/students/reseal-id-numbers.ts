// Re-seals stored 身份证号 with the current key: rows under an older key id (`npm run
// keys:rotate`, core/privacy/rotate-keys.ts) and rows still holding the legacy plaintext column (start-up after 0009).
import { sql } from 'kysely';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { idNumberBirthDate } from '../identifiers/id-number.ts';
import { studentIdColumns, studentIdNumber } from './student-pii.ts';

const BATCH = 500;

/** Re-seals one tenant's students in batches of one transaction each; returns how many. */
export async function resealIdNumbers(db: Db, pii: PiiKeyring, tenantId: string): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await withTenant(db, tenantId, async (tx) => {
      const rows = await tx
        .selectFrom('students')
        .select(['id', 'tenant_id', 'id_number', 'id_number_ciphertext', 'id_number_key_id', 'birth_date'])
        .where((eb) => eb.or([eb('id_number', 'is not', null), eb('id_number_key_id', '<>', pii.currentKeyId), eb('id_number_key_id', 'is', null)]))
        .limit(BATCH)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const plain = row.id_number ?? studentIdNumber(pii, row);
        // Age checks read the birth date in the clear; a row without one gets the ID number's.
        const birth = row.birth_date ?? idNumberBirthDate(plain) ?? null;
        await tx.updateTable('students').set({ id_number: null, birth_date: birth, ...studentIdColumns(pii, tenantId, plain), updated_at: sql`now()` }).where('id', '=', row.id).execute();
      }
      return rows.length;
    });
    done += n;
    if (n < BATCH) return done;
  }
}

/** Start-up: only when some tenant still has legacy plaintext, so a normal start costs one query. */
export async function resealLegacyIdNumbers(db: Db, pii: PiiKeyring): Promise<number> {
  const tenants = await db.selectFrom('tenants').select('id').execute();
  let sealed = 0;
  for (const tenant of tenants) {
    const legacy = await withTenant(db, tenant.id, (tx) => tx.selectFrom('students').select('id').where('id_number', 'is not', null).limit(1).executeTakeFirst());
    if (legacy) sealed += await resealIdNumbers(db, pii, tenant.id);
  }
  return sealed;
}
