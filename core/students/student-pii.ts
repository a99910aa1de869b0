// A student's 身份证号 at rest: sealed with the tenant and column as associated data, the key id
// beside it, and the keyed hash that finds a student by number within the tenant.
import { keyedHash, open, seal, type PiiKeyring } from '../crypto/pii-crypto.ts';

const context = (tenantId: string) => `${tenantId}:students.id_number`;

export interface SealedIdNumber {
  id_number_ciphertext: string;
  id_number_key_id: string;
  id_number_hmac: string;
}

/** The columns to write for an ID number. */
export function studentIdColumns(pii: PiiKeyring, tenantId: string, idNumber: string): SealedIdNumber {
  const sealed = seal(pii, idNumber, context(tenantId));
  return { id_number_ciphertext: sealed.ciphertext, id_number_key_id: sealed.keyId, id_number_hmac: keyedHash(pii, tenantId, idNumber) };
}

/** The plaintext of a stored row's ID number. */
export const studentIdNumber = (pii: PiiKeyring, row: Record<string, unknown>) =>
  open(pii, { ciphertext: row.id_number_ciphertext as string, keyId: row.id_number_key_id as string }, context(row.tenant_id as string));

/** The hash that `students.id_number_hmac` holds for this number in this tenant. */
export const idNumberHash = (pii: PiiKeyring, tenantId: string, idNumber: string) => keyedHash(pii, tenantId, idNumber.trim().toUpperCase());
