import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DAY_MS } from '../eligibility/defaults.js';
import { civilFromDay, dayFromCivil, formatDay, isoWeek, isoWeekday, parseDay } from './civil.js';

describe('day numbers', () => {
  test('agree with Date.UTC for every day from 1900 to 2200 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        const date = new Date(day * DAY_MS);
        expect(civilFromDay(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        const { year, month, day: dayOfMonth } = civilFromDay(day);
        expect(dayFromCivil(year, month, dayOfMonth)).toBe(day);
        expect(formatDay(day)).toBe(date.toISOString().slice(0, 10));
      }),
    );
  });

  test('1970-01-01 is day 0 and a Thursday; leap days exist only where they should', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(isoWeekday(0)).toBe(4);
    expect(parseDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    expect(parseDay('2025-02-29')).toBeUndefined();
    expect(parseDay('2100-02-29')).toBeUndefined();
    expect(parseDay('2000-02-29')).toBe(dayFromCivil(2000, 2, 29));
    expect(parseDay('2025-13-01')).toBeUndefined();
    expect(parseDay('2025-6-1')).toBeUndefined();
  });
});

describe('ISO 8601 weeks', () => {
  test.each([
    ['2024-12-30', 2025, 1],
    ['2025-01-01', 2025, 1],
    ['2025-03-30', 2025, 13],
    ['2025-12-28', 2025, 52],
    ['2026-12-31', 2026, 53],
    ['2027-01-01', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2021-01-03', 2020, 53],
    ['2020-12-31', 2020, 53],
  ])('%s is in week %i-W%i', (date, weekYear, week) => {
    const day = parseDay(date) ?? Number.NaN;
    expect(isoWeek(day)).toMatchObject({ weekYear, week });
    expect(isoWeekday(isoWeek(day).monday)).toBe(1);
  });

  test('every week has seven days and weeks follow each other (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (day) => {
        const week = isoWeek(day);
        expect(day - week.monday).toBeGreaterThanOrEqual(0);
        expect(day - week.monday).toBeLessThan(7);
        const next = isoWeek(week.monday + 7);
        if (next.weekYear === week.weekYear) expect(next.week).toBe(week.week + 1);
        else expect(next.week).toBe(1);
      }),
    );
  });
});
