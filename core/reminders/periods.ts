// Which period a calendar reminder is in on a given day, so the outbox's dedupe key
// (tenant, plugin, reminder, subject, period) yields exactly one reminder per period.
//
// - `{ every: 'year', before: 'MM-DD' }`: period `YYYY` (the year of the date it is due), created
//   from CALENDAR_LEAD_DAYS before that date up to the date itself; a window missed entirely
//   (the workers were down for all of it) is not made up late.
// - `{ timesPerYear: n }`: the year cut into n spans of whole months (n = 2: Jan–Jun, Jul–Dec);
//   period `YYYY-k/n`, created on the first run inside the span, due on its last day.
import type { Reminder } from '../policy/plugin-schema.ts';

export const CALENDAR_LEAD_DAYS = 30;

export interface CalendarPeriod {
  period: string;
  dueOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** 02-29 falls on 02-28 in a common year. */
function dueInYear(year: number, monthDay: string): Date {
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1, d));
  return date.getUTCMonth() === m - 1 ? date : new Date(Date.UTC(year, m, 0));
}

/** The month span k (1-based) of n in a year: [first month, last month] (0-based). */
export function monthSpan(k: number, n: number): [number, number] {
  return [Math.floor(((k - 1) * 12) / n), Math.floor((k * 12) / n) - 1];
}

/** The calendar period a reminder is due in on `today` (YYYY-MM-DD, the tenant's day), or null. */
export function calendarPeriod(when: Reminder['when'], today: string): CalendarPeriod | null {
  const day = utc(today);
  const year = day.getUTCFullYear();
  if ('every' in when) {
    for (const y of [year, year + 1]) {
      const due = dueInYear(y, when.before);
      if (day <= due && day >= addDays(due, -CALENDAR_LEAD_DAYS)) return { period: String(y), dueOn: iso(due) };
    }
    return null;
  }
  if ('timesPerYear' in when) {
    const n = when.timesPerYear;
    const month = day.getUTCMonth();
    for (let k = 1; k <= n; k++) {
      const [, last] = monthSpan(k, n);
      if (month <= last) return { period: `${year}-${k}/${n}`, dueOn: iso(new Date(Date.UTC(year, last + 1, 0))) };
    }
  }
  return null;
}
