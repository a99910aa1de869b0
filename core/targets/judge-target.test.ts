// Specification of the target status rule at its edges: pace, the 80 % line, the deadline day,
// schedules by the year, and at-most targets.
import { describe, expect, it } from 'vitest';
import { judgeTarget, yearsElapsed } from './judge-target.ts';

const atLeast = { goal: 10, comparison: 'at-least' as const, deadline: '2025-12-31' };
const craftsmen = { goal: 150, comparison: 'at-least' as const, deadline: '2025-12-31', schedule: { perYear: 50, from: 2023 } };
const START = '2020-12-31';

describe('scheduled targets (50 a year from 2023)', () => {
  it('expects nothing before the first year and 50 by its last day', () => {
    expect(judgeTarget(craftsmen, 0, '2022-12-31', START)).toMatchObject({ expected: 0, status: 'green' });
    expect(judgeTarget(craftsmen, 50, '2023-12-31', START)).toMatchObject({ expected: 50, status: 'green' });
  });

  it('is amber at 80 % of the expected count and red just under it', () => {
    expect(judgeTarget(craftsmen, 40, '2023-12-31', START).status).toBe('amber');
    expect(judgeTarget(craftsmen, 39, '2023-12-31', START).status).toBe('red');
  });

  it('counts part of a year by the day and caps the expectation at the goal', () => {
    expect(yearsElapsed(2023, '2024-07-01')).toBeCloseTo(1 + 183 / 366, 6);
    expect(judgeTarget(craftsmen, 0, '2030-01-01', START).expected).toBe(150);
  });
});

describe('unscheduled at-least targets', () => {
  it('expects the goal on a straight line from the policy’s date to the deadline', () => {
    expect(judgeTarget(atLeast, 0, '2023-06-30', '2020-12-31').expected).toBeCloseTo(5, 1);
  });

  it('is green once met, whatever the date', () => {
    expect(judgeTarget(atLeast, 10, '2030-01-01', START)).toMatchObject({ met: true, ratio: 1, status: 'green' });
  });

  it('is still judged by pace on the deadline day and red the day after', () => {
    expect(judgeTarget(atLeast, 9, '2025-12-31', START).status).toBe('amber');
    expect(judgeTarget(atLeast, 9, '2026-01-01', START).status).toBe('red');
  });
});

describe('at-most targets', () => {
  const atMost = { goal: 0, comparison: 'at-most' as const, deadline: '2025-12-31' };

  it('is green when met, amber while unmet before the deadline, red after it', () => {
    expect(judgeTarget(atMost, 0, '2024-01-01', START)).toMatchObject({ met: true, ratio: 1, status: 'green' });
    expect(judgeTarget(atMost, 3, '2025-12-31', START)).toMatchObject({ met: false, ratio: 0, status: 'amber' });
    expect(judgeTarget(atMost, 3, '2026-01-01', START).status).toBe('red');
  });

  it('gives goal ÷ value as progress when over a positive goal', () => {
    expect(judgeTarget({ ...atMost, goal: 49 }, 98, '2024-01-01', START).ratio).toBe(0.5);
  });
});
