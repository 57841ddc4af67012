import { DAY_MS } from '../eligibility/defaults.js';
import { civilFromDay, dayFromCivil, parseDay } from './civil.js';
import { type PeriodGrain, periodOfDay } from './grain.js';
import { offsetAt } from './time-zone.js';

/** Largest UTC offset any zone uses (±14 h), plus margin: bounds every search for a local midnight. */
const MAX_OFFSET_MS = 15 * 3_600_000;

/**
 * The local day number (days since 1970-01-01) of an instant in a zone: the calendar date a clock on
 * the wall there shows.
 *
 * @example localDay(Date.parse('2025-03-29T23:30:00Z'), 'Europe/Stockholm') // day of 2025-03-30
 */
export function localDay(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetAt(instant, timeZone)) / DAY_MS);
}

/**
 * The first instant of a local day. Usually local midnight; where a daylight-saving change skips
 * midnight (America/Santiago in September) the day starts at the change. Found by bisection between
 * the widest possible offsets, so no guess about the zone's rules is needed.
 *
 * @example new Date(startOfLocalDay(dayFromCivil(2025, 3, 30), 'Europe/Stockholm')).toISOString()
 * // '2025-03-29T23:00:00.000Z'
 */
export function startOfLocalDay(dayNumber: number, timeZone: string): number {
  // The common case first: midnight at the offset in force then (two fixed-point steps, since the
  // offset at UTC midnight may differ from the one at local midnight).
  const utcMidnight = dayNumber * DAY_MS;
  const guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  for (const candidate of [guess, utcMidnight - offsetAt(guess, timeZone)]) {
    if (
      localDay(candidate, timeZone) === dayNumber &&
      localDay(candidate - 1, timeZone) < dayNumber
    ) {
      return candidate;
    }
  }
  let low = dayNumber * DAY_MS - MAX_OFFSET_MS;
  let high = dayNumber * DAY_MS + MAX_OFFSET_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDay(middle, timeZone) >= dayNumber) high = middle;
    else low = middle;
  }
  return high;
}

/** A period as instants: `[start, end)`, with its key. */
export interface Period {
  key: string;
  grain: PeriodGrain;
  /** First instant (epoch ms), inclusive. */
  start: number;
  /** First instant of the next period (epoch ms), exclusive. */
  end: number;
}

/** The period of a local day (see `periodOf`). */
export function periodOfLocalDay(dayNumber: number, grain: PeriodGrain, timeZone: string): Period {
  const { key, firstDay, nextFirstDay } = periodOfDay(dayNumber, grain);
  return {
    key,
    grain,
    start: startOfLocalDay(firstDay, timeZone),
    end: startOfLocalDay(nextFirstDay, timeZone),
  };
}

/**
 * The day, ISO week, month, quarter or year an instant falls in, as a wall clock in `timeZone` sees
 * it, with its exact boundaries: a Stockholm day in late March lasts 23 hours, one in late October 25.
 *
 * @example periodOf(Date.parse('2025-03-30T12:00:00Z'), 'week', 'Europe/Stockholm')
 * // { key: '2025-W13', grain: 'week', start: …'2025-03-23T23:00Z', end: …'2025-03-30T22:00Z' }
 */
export function periodOf(instant: number, grain: PeriodGrain, timeZone: string): Period {
  return periodOfLocalDay(localDay(instant, timeZone), grain, timeZone);
}

/**
 * `YYYY-MM-DD` as the first instant of that day in `timeZone`; undefined when it is not a real date.
 *
 * @example parseLocalDate('2025-06-01', 'Europe/Stockholm') // Date.parse('2025-05-31T22:00:00Z')
 */
export function parseLocalDate(text: string, timeZone: string): number | undefined {
  const day = parseDay(text);
  return day === undefined ? undefined : startOfLocalDay(day, timeZone);
}

/** How `previousPeriod` measured "equal length". */
export type PeriodShift = 'months' | 'days' | 'duration';

/**
 * The period of equal length just before `[from, to)`, for "compared with the previous period":
 * - both bounds at the start of a month in `timeZone` → the same number of calendar months before
 *   (March vs February, Q2 vs Q1, a year vs the year before);
 * - both at the start of a day → the same number of local days before (so a range that spans a
 *   daylight-saving change is not shifted by an hour);
 * - otherwise exactly `to − from` milliseconds before.
 *
 * @example previousPeriod(parseLocalDate('2025-03-01', tz), parseLocalDate('2025-04-01', tz), tz)
 * // { from: 2025-02-01 local, to: 2025-03-01 local, shift: 'months' }
 */
export function previousPeriod(
  from: number,
  to: number,
  timeZone: string,
): { from: number; to: number; shift: PeriodShift } {
  const fromDay = localDay(from, timeZone);
  const toDay = localDay(to, timeZone);
  const atDayStart =
    startOfLocalDay(fromDay, timeZone) === from && startOfLocalDay(toDay, timeZone) === to;
  if (atDayStart) {
    const a = civilFromDay(fromDay);
    const b = civilFromDay(toDay);
    if (a.day === 1 && b.day === 1) {
      const months = (b.year - a.year) * 12 + (b.month - a.month);
      const index = a.year * 12 + (a.month - 1) - months;
      const first = dayFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
      return { from: startOfLocalDay(first, timeZone), to: from, shift: 'months' };
    }
    return {
      from: startOfLocalDay(fromDay - (toDay - fromDay), timeZone),
      to: from,
      shift: 'days',
    };
  }
  return { from: from - (to - from), to: from, shift: 'duration' };
}
