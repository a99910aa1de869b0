// Calendar arithmetic for rules, on ISO dates: policy texts count in calendar months ("6个月")
// and days, and a plugin may import nothing but the SDK, so the SDK carries it once. Integer
// arithmetic on the proleptic Gregorian calendar (Hinnant's days_from_civil), no Date objects:
// rules call these for every teacher and internship of a tenant.
import type { IsoDate } from './dates.ts';

export const DAY_MS = 86_400_000;

const fdiv = (a: number, b: number) => Math.floor(a / b);

function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = fdiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = fdiv(153 * (m > 2 ? m - 3 : m + 9) + 2, 5) + d - 1;
  const doe = yoe * 365 + fdiv(yoe, 4) - fdiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civil(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = fdiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36_524) - fdiv(doe, 146_096), 365);
  const doy = doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100));
  const mp = fdiv(5 * doy + 2, 153);
  const d = doy - fdiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

// Rules call these for every teacher, practice period and internship of a tenant (a million
// times an evaluation), so they read the digits in place and allocate nothing they do not return.
const digit = (iso: string, i: number) => {
  const d = iso.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const yearOf = (iso: IsoDate) => digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
const monthOf = (iso: IsoDate) => digit(iso, 5) * 10 + digit(iso, 6);
const dateOf = (iso: IsoDate) => digit(iso, 8) * 10 + digit(iso, 9);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m]!);

/** Days since 1970-01-01, so date differences are plain subtraction. */
export const toDay = (iso: IsoDate): number => dayOf(yearOf(iso), monthOf(iso), dateOf(iso));
/** Each day's string made once and shared: rules turn day numbers back into dates by the 100 000. */
const isoOfDay = new Map<number, IsoDate>();
export const fromDay = (day: number): IsoDate => {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    const [y, m, d] = civil(day);
    iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    if (Number.isInteger(day)) isoOfDay.set(day, iso);
  }
  return iso;
};

/** The day number of y-m-d moved by whole months, the day clamped to the target month's last. */
function addMonthsDay(y: number, m: number, d: number, months: number): number {
  const index = y * 12 + (m - 1) + months;
  const ty = fdiv(index, 12);
  const tm = index - ty * 12 + 1;
  return dayOf(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** `iso` moved by whole months; a day the target month lacks falls back to its last day (01-31 + 1 → 02-28). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  return fromDay(addMonthsDay(yearOf(iso), monthOf(iso), dateOf(iso), months));
}

/**
 * Calendar months in `start`..`end` (both included): the stretch holds N months when it reaches
 * the day before the same date N months later, so 01-01..06-30 is exactly 6 months and ..06-29
 * is 5 months 29 days, whatever the months' lengths.
 */
export function monthsIn(start: IsoDate, end: IsoDate): { months: number; days: number } {
  const sy = yearOf(start);
  const sm = monthOf(start);
  const sd = dateOf(start);
  const after = toDay(end) + 1;
  // The year and month of `after` (civil() without its array), then the count to within one.
  const z = after + 719_468;
  const era = fdiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36_524) - fdiv(doe, 146_096), 365);
  const mp = fdiv(5 * (doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100))) + 2, 153);
  const am = mp < 10 ? mp + 3 : mp - 9;
  const ay = yoe + era * 400 + (am <= 2 ? 1 : 0);
  // Step to the exact one.
  let months = Math.max(0, (ay - sy) * 12 + (am - sm));
  while (months > 0 && addMonthsDay(sy, sm, sd, months) > after) months--;
  while (addMonthsDay(sy, sm, sd, months + 1) <= after) months++;
  return { months, days: after - addMonthsDay(sy, sm, sd, months) };
}
