// Password hashing (argon2id) and the password policy every new password must meet.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { containsEmailLocalPart, MIN_STRENGTH_SCORE, strengthScore } from './password-strength.ts';

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 20 ms here, safe against GPUs.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash can never match; it is not the caller's error.
    return false;
  }
}

// Verified when the e-mail is unknown, so an unknown account takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('chanjiao-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export const MIN_PASSWORD_LENGTH = 12;

/**
 * ≥ 12 characters from at least 3 of: lower case, upper case, digits, symbols (等保 practice), and
 * not a common password (zxcvbn score ≥ 3). The e-mail rule needs the user: see passwordProblem.
 */
export const passwordSchema = z
  .string()
  .max(256)
  .refine((p) => p.length >= MIN_PASSWORD_LENGTH, { params: { key: 'password.tooShort', min: MIN_PASSWORD_LENGTH } })
  .refine((p) => characterClasses(p) >= 3, { params: { key: 'password.classes' } })
  .refine((p) => p.length < MIN_PASSWORD_LENGTH || strengthScore(p) >= MIN_STRENGTH_SCORE, { params: { key: 'password.common' } });

/** The rules that need to know whose password it is; null when the password may be used. */
export function passwordProblem(password: string, email: string): 'containsEmail' | 'common' | null {
  if (containsEmailLocalPart(password, email)) return 'containsEmail';
  if (strengthScore(password, [email, email.split('@')[0] ?? '']) < MIN_STRENGTH_SCORE) return 'common';
  return null;
}
