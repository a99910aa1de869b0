// Days of enterprise practice inside a window, each calendar day counted once however many
// periods cover it: the figure the policy rule "6 months in every 5 years" is checked against.
const DAY_MS = 86_400_000;

const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The rolling five years that end on `at`, both ends included: from the day after the same
 * date five years earlier (29 February falls back to 28 February), so the window holds exactly
 * five years of days.
 */
export function fiveYearWindow(at: string): { start: string; end: string } {
  const [y, m, d] = at.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y - 5, m, 0)).getUTCDate();
  const sameDay = Date.UTC(y - 5, m - 1, Math.min(d, lastOfMonth)) / DAY_MS;
  return { start: fromDay(sameDay + 1), end: at };
}

export function practiceDays(periods: readonly { start_on: string; end_on: string }[], window: { start: string; end: string }): number {
  const lo = toDay(window.start);
  const hi = toDay(window.end);
  const spans = periods
    .map((p) => [Math.max(toDay(p.start_on), lo), Math.min(toDay(p.end_on), hi)] as const)
    .filter(([s, e]) => e >= s)
    .sort((a, b) => a[0] - b[0]);
  let days = 0;
  let coveredUntil = -Infinity;
  for (const [s, e] of spans) {
    const from = Math.max(s, coveredUntil + 1);
    if (e >= from) days += e - from + 1;
    coveredUntil = Math.max(coveredUntil, e);
  }
  return days;
}
