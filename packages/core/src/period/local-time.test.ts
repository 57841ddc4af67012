import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDay, parseDay } from './civil.js';
import { PERIOD_GRAINS, parsePeriodKey, periodOfDay } from './grain.js';
import {
  localDay,
  parseLocalDate,
  periodOf,
  previousPeriod,
  startOfLocalDay,
} from './local-time.js';
import { canonicalTimeZone, isTimeZone, offsetAt, offsetSegments } from './time-zone.js';

const STOCKHOLM = 'Europe/Stockholm';
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const day = (text: string) => parseDay(text) ?? Number.NaN;
const HOUR = 3_600_000;

describe('time zone names', () => {
  test.each([
    ['Europe/Stockholm', 'Europe/Stockholm'],
    ['europe/stockholm', 'Europe/Stockholm'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Etc/UTC', 'Etc/UTC'],
  ])('%s is the zone %s', (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
    expect(isTimeZone(name)).toBe(true);
  });

  test.each([
    'Mars/Olympus',
    '+01:00',
    'CET ',
    '',
    'Europe/Stockholm/x/y',
    '../../etc',
    'a'.repeat(70),
  ])('%j is refused', (name) => {
    expect(canonicalTimeZone(name)).toBeUndefined();
  });
});

describe('Europe/Stockholm across daylight-saving changes (2025: 30 March, 26 October)', () => {
  test('offsets: +1 h in winter, +2 h in summer, changing at 01:00 UTC', () => {
    expect(offsetAt(at('2025-03-30T00:59:59Z'), STOCKHOLM)).toBe(HOUR);
    expect(offsetAt(at('2025-03-30T01:00:00Z'), STOCKHOLM)).toBe(2 * HOUR);
    expect(offsetAt(at('2025-10-26T00:59:59Z'), STOCKHOLM)).toBe(2 * HOUR);
    expect(offsetAt(at('2025-10-26T01:00:00Z'), STOCKHOLM)).toBe(HOUR);
    expect(
      offsetSegments(at('2025-01-01T00:00Z'), at('2026-01-01T00:00Z'), STOCKHOLM).map((s) => [
        iso(s.start),
        s.offset / HOUR,
      ]),
    ).toEqual([
      ['2025-01-01T00:00:00.000Z', 1],
      ['2025-03-30T01:00:00.000Z', 2],
      ['2025-10-26T01:00:00.000Z', 1],
    ]);
  });

  test('the spring-forward day lasts 23 hours, the fall-back day 25', () => {
    const spring = periodOf(at('2025-03-30T12:00:00Z'), 'day', STOCKHOLM);
    expect([spring.key, iso(spring.start), iso(spring.end)]).toEqual([
      '2025-03-30',
      '2025-03-29T23:00:00.000Z',
      '2025-03-30T22:00:00.000Z',
    ]);
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = periodOf(at('2025-10-26T12:00:00Z'), 'day', STOCKHOLM);
    expect([autumn.key, iso(autumn.start), iso(autumn.end)]).toEqual([
      '2025-10-26',
      '2025-10-25T22:00:00.000Z',
      '2025-10-26T23:00:00.000Z',
    ]);
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
  });

  test.each([
    ['2025-03-29T22:59:59.999Z', '2025-03-29'], // 23:59:59.999 CET
    ['2025-03-29T23:00:00.000Z', '2025-03-30'], // 00:00 CET: a Swedish day starts at 23:00 UTC
    ['2025-03-30T00:59:59.999Z', '2025-03-30'], // 01:59:59 CET, the last second before the jump
    ['2025-03-30T01:00:00.000Z', '2025-03-30'], // 03:00 CEST
    ['2025-03-30T21:59:59.999Z', '2025-03-30'], // 23:59:59 CEST
    ['2025-03-30T22:00:00.000Z', '2025-03-31'], // 00:00 CEST: the day now starts at 22:00 UTC
    ['2025-10-25T21:59:59.999Z', '2025-10-25'],
    ['2025-10-25T22:00:00.000Z', '2025-10-26'],
    ['2025-10-26T00:30:00.000Z', '2025-10-26'], // 02:30 CEST, the first time
    ['2025-10-26T01:30:00.000Z', '2025-10-26'], // 02:30 CET, the second time
    ['2025-10-26T22:59:59.999Z', '2025-10-26'],
    ['2025-10-26T23:00:00.000Z', '2025-10-27'],
  ])('%s is on %s in Stockholm', (instant, date) => {
    expect(formatDay(localDay(at(instant), STOCKHOLM))).toBe(date);
  });

  test('week, month, quarter and year boundaries are local midnights', () => {
    const bounds = (instant: string, grain: (typeof PERIOD_GRAINS)[number]) => {
      const period = periodOf(at(instant), grain, STOCKHOLM);
      return [period.key, iso(period.start), iso(period.end)];
    };
    expect(bounds('2025-03-30T21:00:00Z', 'week')).toEqual([
      '2025-W13',
      '2025-03-23T23:00:00.000Z',
      '2025-03-30T22:00:00.000Z',
    ]);
    expect(bounds('2025-03-30T22:00:00Z', 'week')).toEqual([
      '2025-W14',
      '2025-03-30T22:00:00.000Z',
      '2025-04-06T22:00:00.000Z',
    ]);
    expect(bounds('2025-03-15T12:00:00Z', 'month')).toEqual([
      '2025-03',
      '2025-02-28T23:00:00.000Z',
      '2025-03-31T22:00:00.000Z',
    ]);
    expect(bounds('2025-10-31T23:30:00Z', 'month')).toEqual([
      '2025-11',
      '2025-10-31T23:00:00.000Z',
      '2025-11-30T23:00:00.000Z',
    ]);
    expect(bounds('2025-11-01T00:00:00Z', 'quarter')).toEqual([
      '2025-Q4',
      '2025-09-30T22:00:00.000Z',
      '2025-12-31T23:00:00.000Z',
    ]);
    expect(bounds('2024-12-31T23:30:00Z', 'year')).toEqual([
      '2025',
      '2024-12-31T23:00:00.000Z',
      '2025-12-31T23:00:00.000Z',
    ]);
    // In UTC the same instant is still 2024.
    expect(periodOf(at('2024-12-31T23:30:00Z'), 'year', 'UTC').key).toBe('2024');
  });

  test('YYYY-MM-DD means local midnight', () => {
    expect(iso(parseLocalDate('2025-06-01', STOCKHOLM) ?? 0)).toBe('2025-05-31T22:00:00.000Z');
    expect(iso(parseLocalDate('2025-01-01', STOCKHOLM) ?? 0)).toBe('2024-12-31T23:00:00.000Z');
    expect(iso(parseLocalDate('2025-01-01', 'UTC') ?? 0)).toBe('2025-01-01T00:00:00.000Z');
    expect(parseLocalDate('2025-02-30', STOCKHOLM)).toBeUndefined();
  });
});

describe('zones with unusual rules', () => {
  test('America/Santiago skips midnight in September: the day starts at 01:00', () => {
    // 2022-09-11: clocks went from 00:00 −04 straight to 01:00 −03 (at 04:00 UTC).
    const start = startOfLocalDay(day('2022-09-11'), 'America/Santiago');
    expect(iso(start)).toBe('2022-09-11T04:00:00.000Z');
    expect(formatDay(localDay(start - 1, 'America/Santiago'))).toBe('2022-09-10');
  });

  test('half- and quarter-hour offsets: Asia/Kolkata (+5:30), Pacific/Chatham (+12:45 / +13:45)', () => {
    expect(iso(startOfLocalDay(day('2025-01-01'), 'Asia/Kolkata'))).toBe(
      '2024-12-31T18:30:00.000Z',
    );
    expect(iso(startOfLocalDay(day('2025-01-01'), 'Pacific/Chatham'))).toBe(
      '2024-12-31T10:15:00.000Z',
    );
    expect(iso(startOfLocalDay(day('2025-07-01'), 'Pacific/Chatham'))).toBe(
      '2025-06-30T11:15:00.000Z',
    );
  });

  const ZONES = [
    'UTC',
    STOCKHOLM,
    'America/New_York',
    'America/Santiago',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Apia',
  ];

  test('the local day agrees with what Intl prints for that zone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2000-01-01T00:00Z'), max: at('2040-01-01T00:00Z') }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const printed = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(instant);
          expect(formatDay(localDay(instant, zone))).toBe(printed);
        },
      ),
    );
  });

  test('every instant lies in its period, and periods tile time without gaps (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2000-01-01T00:00Z'), max: at('2040-01-01T00:00Z') }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...PERIOD_GRAINS),
        (instant, zone, grain) => {
          const period = periodOf(instant, grain, zone);
          expect(period.start).toBeLessThanOrEqual(instant);
          expect(instant).toBeLessThan(period.end);
          expect(periodOf(period.end, grain, zone).start).toBe(period.end);
          expect(periodOf(period.start - 1, grain, zone).end).toBe(period.start);
          expect(periodOfDay(localDay(instant, zone), grain).key).toBe(period.key);
        },
      ),
    );
  });
});

describe('previousPeriod', () => {
  const local = (text: string) => parseLocalDate(text, STOCKHOLM) ?? Number.NaN;

  test('whole months: the same number of calendar months before', () => {
    const march = previousPeriod(local('2025-03-01'), local('2025-04-01'), STOCKHOLM);
    expect([iso(march.from), iso(march.to), march.shift]).toEqual([
      '2025-01-31T23:00:00.000Z',
      '2025-02-28T23:00:00.000Z',
      'months',
    ]);
    const q1 = previousPeriod(local('2025-01-01'), local('2025-04-01'), STOCKHOLM);
    expect(iso(q1.from)).toBe('2024-09-30T22:00:00.000Z');
    const year = previousPeriod(local('2025-01-01'), local('2026-01-01'), STOCKHOLM);
    expect(iso(year.from)).toBe('2023-12-31T23:00:00.000Z');
  });

  test('whole days: the same number of local days, even across a DST change', () => {
    // 2025-03-24 … 2025-04-07 (14 days, 335 hours) → 2025-03-10 … 2025-03-24 (14 days, 336 hours).
    const result = previousPeriod(local('2025-03-24'), local('2025-04-07'), STOCKHOLM);
    expect([iso(result.from), iso(result.to), result.shift]).toEqual([
      '2025-03-09T23:00:00.000Z',
      '2025-03-23T23:00:00.000Z',
      'days',
    ]);
  });

  test('anything else: exactly the same duration', () => {
    const result = previousPeriod(
      at('2025-06-02T10:00:00Z'),
      at('2025-06-02T16:00:00Z'),
      STOCKHOLM,
    );
    expect([iso(result.from), iso(result.to), result.shift]).toEqual([
      '2025-06-02T04:00:00.000Z',
      '2025-06-02T10:00:00.000Z',
      'duration',
    ]);
  });
});

describe('parsePeriodKey', () => {
  test('reads back every key periodOfDay makes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.constantFrom(...PERIOD_GRAINS),
        (dayNumber, grain) => {
          const period = periodOfDay(dayNumber, grain);
          expect(parsePeriodKey(period.key, grain)).toEqual(period);
        },
      ),
    );
  });

  test.each([
    ['2025-W54', 'week'],
    ['2025-13', 'month'],
    ['2025-Q5', 'quarter'],
    ['2025-02-30', 'day'],
    ['2025-03', 'week'],
  ] as const)('%s is not a %s', (key, grain) => {
    expect(parsePeriodKey(key, grain)).toBeUndefined();
  });
});
