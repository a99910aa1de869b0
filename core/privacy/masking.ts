// Masks of personal identifiers as shown by default everywhere (pages, JSON, exports, logs):
// `110***********123X` for a 身份证号, `138****5678` for a phone number.
import { maskIdNumber } from '../identifiers/id-number.ts';

export { maskIdNumber };

/** Keeps the first 3 and last 4 digits of a mobile number; shorter numbers keep only the last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

// What a 身份证号 or a mainland mobile number looks like inside free text (log lines, messages).
const ID_NUMBER_IN_TEXT = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g;
const PHONE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

/** Masks every ID number and mobile number found in a text. */
export const maskInText = (text: string) =>
  text.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m.toUpperCase())).replace(PHONE_IN_TEXT, (m) => maskPhone(m));
