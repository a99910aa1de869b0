// The red/amber/green judgement of a plugin target at a date, from its metric's value: pure, so the
// rule is specified by tests and the same for live figures, snapshots and the annual report.
//
// Expected by now (at-least targets):
//   scheduled ("50 a year from 2023"): perYear × the years elapsed since 1 January of `from`,
//     counted by the day (2023-12-31 → 1 year, 2024-07-01 → 1.5), capped at the goal;
//   otherwise: the goal on a straight line from the policy's publication date to the deadline.
// Status:
//   green  the goal is met, or the value is at least what is expected by now (on pace);
//   amber  behind pace but at least 80 % of what is expected by now;
//   red    the deadline has passed unmet, or less than 80 % of what is expected by now.
// At-most targets ("no more than 49 majors", "0 teachers short") have no pace: green when met,
// amber while unmet before the deadline, red once it has passed unmet.
import { toDay } from '../policy/calendar.ts';
import type { Target } from '../policy/plugin-schema.ts';
import type { TargetStatus } from './schema.ts';

export const AMBER_SHARE = 0.8;

export interface Judgement {
  /** What the target asks for by `at` (the goal for at-most targets). */
  expected: number;
  /** Progress toward the goal, 0–1 (1 = met). */
  ratio: number;
  met: boolean;
  status: TargetStatus;
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/** Years from 1 January of `fromYear` to the end of `at`, fractional by the day. */
export function yearsElapsed(fromYear: number, at: string): number {
  const year = Number(at.slice(0, 4));
  if (year < fromYear) return 0;
  const start = toDay(`${year}-01-01`);
  const length = toDay(`${year + 1}-01-01`) - start;
  return year - fromYear + (toDay(at) - start + 1) / length;
}

/** The goal on a straight line from `start` to `deadline` (0 before start, the goal from the deadline on). */
function linear(goal: number, start: string, deadline: string, at: string): number {
  const span = toDay(deadline) - toDay(start);
  if (span <= 0 || at >= deadline) return goal;
  if (at <= start) return 0;
  return (goal * (toDay(at) - toDay(start))) / span;
}

export function judgeTarget(target: Pick<Target, 'goal' | 'comparison' | 'deadline' | 'schedule'>, value: number, at: string, start: string): Judgement {
  const passed = at > target.deadline;
  if (target.comparison === 'at-most') {
    const met = value <= target.goal;
    const ratio = met ? 1 : value > 0 ? Math.max(0, target.goal) / value : 0;
    return { expected: target.goal, ratio: round(ratio), met, status: met ? 'green' : passed ? 'red' : 'amber' };
  }
  const met = value >= target.goal;
  const expected = round(
    target.schedule ? Math.min(target.goal, target.schedule.perYear * yearsElapsed(target.schedule.from, at)) : linear(target.goal, start, target.deadline, at),
    2,
  );
  const ratio = target.goal > 0 ? Math.min(1, value / target.goal) : 1;
  let status: TargetStatus;
  if (met || (!passed && value >= expected)) status = 'green';
  else if (passed || value < AMBER_SHARE * expected) status = 'red';
  else status = 'amber';
  return { expected, ratio: round(Math.max(0, ratio)), met, status };
}
