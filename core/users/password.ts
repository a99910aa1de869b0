// Password hashing (argon2id) and the password policy every new password must meet.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

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

/** ≥ 10 characters from at least 3 of: lower case, upper case, digits, symbols. */
export const passwordSchema = z
  .string()
  .max(256)
  .refine((p) => p.length >= 10, { params: { key: 'password.tooShort', min: 10 } })
  .refine((p) => characterClasses(p) >= 3, { params: { key: 'password.classes' } });
