// Calendar periods: the dedupe key's `period` for each kind of calendar reminder.
import { describe, expect, it } from 'vitest';
import { calendarPeriod, monthSpan } from './periods.ts';

describe('calendar periods', () => {
  it('a yearly reminder is due from 30 days before its day up to the day, labelled by that year', () => {
    const when = { every: 'year', before: '03-31' } as const;
    expect(calendarPeriod(when, '2026-03-01')).toEqual({ period: '2026', dueOn: '2026-03-31' });
    expect(calendarPeriod(when, '2026-03-31')).toEqual({ period: '2026', dueOn: '2026-03-31' });
    expect(calendarPeriod(when, '2026-02-28')).toBeNull();
    expect(calendarPeriod(when, '2026-04-01')).toBeNull();
  });

  it('a January day is announced in the December before, as the next year', () => {
    expect(calendarPeriod({ every: 'year', before: '01-10' }, '2025-12-20')).toEqual({ period: '2026', dueOn: '2026-01-10' });
  });

  it('02-29 falls on 02-28 in a common year', () => {
    expect(calendarPeriod({ every: 'year', before: '02-29' }, '2027-02-28')).toEqual({ period: '2027', dueOn: '2027-02-28' });
  });

  it('twice a year is two half-years, each due on its last day', () => {
    const when = { timesPerYear: 2 };
    expect(calendarPeriod(when, '2026-01-01')).toEqual({ period: '2026-1/2', dueOn: '2026-06-30' });
    expect(calendarPeriod(when, '2026-06-30')).toEqual({ period: '2026-1/2', dueOn: '2026-06-30' });
    expect(calendarPeriod(when, '2026-07-01')).toEqual({ period: '2026-2/2', dueOn: '2026-12-31' });
  });

  it('n spans of whole months cover the year without gaps, for every n', () => {
    for (let n = 1; n <= 12; n++) {
      const months = Array.from({ length: n }, (_, i) => monthSpan(i + 1, n)).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, j) => a + j));
      expect(months).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
  });

  it('finding-driven reminders have no calendar period', () => {
    expect(calendarPeriod({ onFinding: 'x' }, '2026-01-01')).toBeNull();
  });
});
