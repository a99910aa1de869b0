// 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and an
// ISO 7064 MOD 11-2 check character (0-9 or X).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^[0-9]{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11];
}

/** The birth date the number encodes, if it is a real date. */
export function idNumberBirthDate(idNumber: string): string | undefined {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export function isValidIdNumber(idNumber: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(idNumber)) return false;
  return idNumberBirthDate(idNumber) !== undefined && idNumberCheckChar(idNumber.slice(0, 17)) === idNumber[17];
}

/** What everyone sees unless they unmask it (issue 8): `110***********123X`, 3 + 4 characters kept. */
export const maskIdNumber = (idNumber: string) => `${idNumber.slice(0, 3)}${'*'.repeat(Math.max(0, idNumber.length - 7))}${idNumber.slice(-4)}`;

export function withIdNumberCheck(first17: string): string {
  const check = idNumberCheckChar(first17);
  if (!check) throw new Error(`not the first 17 digits of an ID number: ${first17}`);
  return first17 + check;
}
