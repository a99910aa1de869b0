// TOTP as RFC 6238 with @oslojs/otp: 6 digits, 30-second steps, one step either side accepted,
// and a step once used never accepted again. Time comes from the caller (the app's clock).
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_S = 30;
/** Steps accepted either side of now: a phone clock 30 s off still works. */
export const TOTP_WINDOW = 1;

export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);

/** A new secret: 160 random bits (RFC 4226's recommendation), in base32 as authenticators take it. */
export const generateTotpSecret = () => encodeBase32UpperCaseNoPadding(randomBytes(20));

const keyOf = (secret: string) => decodeBase32IgnorePadding(secret.toUpperCase().replace(/\s+/g, ''));

/** The code an authenticator shows at `at`: for tests, the e2e suite and demo scripts. */
export const totpCodeFor = (secret: string, at: Date) => generateHOTP(keyOf(secret), BigInt(totpStep(at)), TOTP_DIGITS);

/**
 * The step the code belongs to, if it is within the window around `at` and after `lastStep`
 * (a code already accepted, or an older one, is refused: ASVS 2.8.4); otherwise null.
 */
export function matchTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = keyOf(secret);
  const now = totpStep(at);
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

export const totpUri = (issuer: string, account: string, secret: string) =>
  createTOTPKeyURI(issuer, account, keyOf(secret), TOTP_PERIOD_S, TOTP_DIGITS);
