import { dayFromCivil } from '@npskit/core/period';
import { describe, expect, it } from 'vitest';
import { buildCalendar, CALENDAR_START, createDayMap } from './calendar.js';
import { GRAIN } from './families.js';
import { planTime } from './time-plan.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const stockholm = createDayMap(buildCalendar('Europe/Stockholm') ?? []);

describe('the rollup calendar', () => {
  it('is one segment in UTC, and knows the 23-hour day of a spring-forward', () => {
    expect(buildCalendar('UTC')).toEqual([{ start: CALENDAR_START, offset: 0 }]);
    const day = dayFromCivil(2025, 3, 30);
    expect(stockholm.dayOf(at('2025-03-29T23:00:00Z'))).toBe(day);
    expect(stockholm.dayOf(at('2025-03-29T22:59:59.999Z'))).toBe(day - 1);
    expect(stockholm.dayStart(day + 1) - stockholm.dayStart(day)).toBe(23 * HOUR);
  });
});

describe('planTime', () => {
  it('reads a UTC month on a Stockholm rollup as its month row, minus and plus the edge hours', () => {
    const plan = planTime({
      lo: at('2025-03-01T00:00:00Z'),
      hi: at('2025-04-01T00:00:00Z'),
      cuts: [],
      days: stockholm,
    });
    expect(plan.ranges).toEqual([
      [GRAIN.month, dayFromCivil(2025, 3, 1), dayFromCivil(2025, 3, 1), 0],
    ]);
    expect(plan.slices).toEqual([
      // 1 March in Stockholm began at 23:00 UTC the day before: not in the UTC month.
      { start: at('2025-02-28T23:00:00Z'), end: at('2025-03-01T00:00:00Z'), add: [[0, -1]] },
      // 1 April in Stockholm (summer time) began at 22:00 UTC on 31 March: still in it.
      { start: at('2025-03-31T22:00:00Z'), end: at('2025-04-01T00:00:00Z'), add: [[0, 1]] },
    ]);
  });

  it('moves the smaller part of a day a cut splits from one piece to the other', () => {
    const cut = at('2025-06-10T08:00:00Z'); // 10:00 in Stockholm
    const plan = planTime({
      lo: at('2025-06-08T22:00:00Z'),
      hi: at('2025-06-11T22:00:00Z'),
      cuts: [cut],
      days: stockholm,
    });
    const june = (day: number) => dayFromCivil(2025, 6, day);
    expect(plan.pieces).toHaveLength(2);
    expect(plan.ranges).toEqual([
      [GRAIN.day, june(9), june(9), 0],
      [GRAIN.day, june(10), june(11), 1],
    ]);
    // 10 June counts for piece 1 whole; its first 10 hours move to piece 0.
    expect(plan.slices).toEqual([
      {
        start: at('2025-06-09T22:00:00Z'),
        end: cut,
        add: [
          [0, 1],
          [1, -1],
        ],
      },
    ]);
  });
});
