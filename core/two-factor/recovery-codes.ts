// Ten single-use recovery codes per user (ASVS 2.6): shown once, stored as SHA-256 only.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/database.ts';

export const RECOVERY_CODE_COUNT = 10;

/** Normalised before hashing: case, spaces and dashes do not matter when typed. */
const normalise = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
export const recoveryCodeHash = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normalise(code))));

/** 10 base32 characters (50 bits), shown as xxxxx-xxxxx. */
function newCode(): string {
  const raw = encodeBase32LowerCaseNoPadding(randomBytes(7)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Replaces the user's codes with ten new ones; returns them in clear, the only time they exist so. */
export async function issueRecoveryCodes(tx: Tx, tenantId: string, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ tenant_id: tenantId, user_id: userId, code_hash: recoveryCodeHash(code), created_at: now })))
    .execute();
  return codes;
}

/** Marks the code used if it is one of the user's unused codes; true when it was. */
export async function useRecoveryCode(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  if (normalise(code).length !== 10) return false;
  const used = await tx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', recoveryCodeHash(code))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

export async function remainingRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const rows = await tx.selectFrom('recovery_codes').select('id').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return rows.length;
}
