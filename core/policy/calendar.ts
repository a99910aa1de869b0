// Calendar arithmetic for rules, on ISO dates: policy texts count in calendar months ("6个月")
// and days, and a plugin may import nothing but the SDK, so the SDK carries it once.
import type { IsoDate } from './dates.ts';

export const DAY_MS = 86_400_000;
/** Days since 1970-01-01 (UTC), so date differences are plain subtraction. */
export const toDay = (iso: IsoDate) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const fromDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `iso` moved by whole months; a day the target month lacks falls back to its last day (01-31 + 1 → 02-28). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)) / DAY_MS);
}

/**
 * Calendar months in `start`..`end` (both included): the stretch holds N months when it reaches
 * the day before the same date N months later, so 01-01..06-30 is exactly 6 months and ..06-29
 * is 5 months 29 days, whatever the months' lengths.
 */
export function monthsIn(start: IsoDate, end: IsoDate): { months: number; days: number } {
  const after = toDay(end) + 1;
  let months = 0;
  while (toDay(addMonths(start, months + 1)) <= after) months++;
  return { months, days: after - toDay(addMonths(start, months)) };
}
