import { DAY_MS } from '@npskit/core';
import { offsetSegments } from '@npskit/core/period';

/**
 * One row of `rollup_calendar`: from `start` (epoch ms, inclusive) until the next row's start, the
 * rollup's time zone is `offset` ms ahead of UTC. The first row starts at `CALENDAR_START` (minus
 * infinity in practice), so every instant has an offset.
 */
export interface CalendarSegment {
  start: number;
  offset: number;
}

/** The first row's start: every instant at or after it has a row. */
export const CALENDAR_START = -Number.MAX_SAFE_INTEGER;

/** The calendar is exact from 1970 to 2100 (offsets outside are the first and last segment's). */
const FROM = Date.UTC(1970, 0, 1);
const TO = Date.UTC(2100, 0, 1);

/**
 * The calendar of a zone, from `@npskit/core/period` (the offsets every period computation of the
 * collector uses), or undefined when the zone's local day is not monotonic in time (a daylight-saving
 * change that turns clocks back across midnight): such a day is not one interval, so the rollup could
 * not say which instants it covers. No zone has done that since 1970 as far as the tz database of
 * this runtime knows; the check keeps it true.
 *
 * @example buildCalendar('UTC') // [{ start: CALENDAR_START, offset: 0 }]
 */
export function buildCalendar(timeZone: string): CalendarSegment[] | undefined {
  const segments = offsetSegments(FROM, TO, timeZone);
  const out: CalendarSegment[] = segments.map((segment, index) => ({
    start: index === 0 ? CALENDAR_START : segment.start,
    offset: segment.offset,
  }));
  for (let index = 1; index < out.length; index += 1) {
    const previous = out[index - 1] as CalendarSegment;
    const current = out[index] as CalendarSegment;
    const before = Math.floor((current.start - 1 + previous.offset) / DAY_MS);
    const after = Math.floor((current.start + current.offset) / DAY_MS);
    if (after < before) return undefined;
  }
  return out;
}

/** Local days of the rollup's zone as instants (see `createDayMap`). */
export interface DayMap {
  /** The local day number of an instant. */
  dayOf(instant: number): number;
  /** The first instant of a local day (its midnight, or where a skipped midnight's day begins). */
  dayStart(day: number): number;
}

/**
 * Day arithmetic over stored calendar rows — the same rows the database's triggers read, so the code
 * and the rollup agree on every day's boundaries even if the runtime's tz database changed since.
 */
export function createDayMap(segments: readonly CalendarSegment[]): DayMap {
  if (segments.length === 0) throw new Error('an empty rollup calendar');
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const starts = sorted.map((segment) => segment.start);
  const offsets = sorted.map((segment) => segment.offset);
  /** Index of the segment holding `instant` (the last with start ≤ instant). */
  const segmentAt = (instant: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= instant) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const dayOf = (instant: number): number =>
    Math.floor((instant + (offsets[segmentAt(instant)] as number)) / DAY_MS);
  /** The last local day of segment `index` (its end is the next start; the last one never ends). */
  const lastDay = (index: number): number =>
    index + 1 < starts.length
      ? Math.floor(((starts[index + 1] as number) - 1 + (offsets[index] as number)) / DAY_MS)
      : Number.POSITIVE_INFINITY;
  const cache = new Map<number, number>();
  return {
    dayOf,
    dayStart(day) {
      const cached = cache.get(day);
      if (cached !== undefined) return cached;
      // The first segment that reaches the day (local days never decrease: see buildCalendar).
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (lastDay(middle) >= day) high = middle;
        else low = middle + 1;
      }
      const start = Math.max(starts[low] as number, day * DAY_MS - (offsets[low] as number));
      if (cache.size > 20_000) cache.clear();
      cache.set(day, start);
      return start;
    },
  };
}
