// Calendar dates as 'YYYY-MM-DD' strings: they compare as dates and carry no time zone, so a
// policy read "from 2022-01-01" means that day in every tenant.
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as YYYY-MM-DD (2023-02-29 is refused, not rolled over). */
// A plain boolean, not a type guard: IsoDate is a string, so a guard would narrow the
// failing branch to never and hide the bad value from the error message.
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
