import { DAY_MS } from '@npskit/core';
import { localDay, type PeriodGrain, periodOfDay, startOfLocalDay } from '@npskit/core/period';

/** The time dimensions of one query: a calendar period in a zone and/or sampling-rate intervals. */
export interface TimeSpec {
  period?: { grain: PeriodGrain; timeZone: string };
  /** Ascending instants; bucket i is `[b(i-1), b(i))`. */
  buckets?: readonly number[];
}

/**
 * The instants strictly inside UTC day `day` where a time key changes: the local midnights that start
 * a new period (every local midnight for `day`, Mondays for `week`, the 1st for `month`, …) and the
 * bucket boundaries. Rows of a UTC day between two consecutive cuts share every time key, which is
 * what lets SQL count per UTC day (walking the day index in order) and still give exact local periods.
 */
export function cutsOfDay(day: number, spec: TimeSpec): number[] {
  const start = day * DAY_MS;
  const end = start + DAY_MS;
  const cuts = new Set<number>();
  if (spec.period) {
    const { grain, timeZone } = spec.period;
    for (let next = localDay(start, timeZone) + 1; ; next += 1) {
      const midnight = startOfLocalDay(next, timeZone);
      if (midnight >= end) break;
      if (midnight > start && periodOfDay(next, grain).firstDay === next) cuts.add(midnight);
    }
  }
  for (const boundary of spec.buckets ?? []) {
    if (boundary > start && boundary < end) cuts.add(boundary);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The time keys of every instant in a piece that starts at `start` (and contains no cut). */
export function pieceKeys(start: number, spec: TimeSpec): { period?: string; bucket?: string } {
  const keys: { period?: string; bucket?: string } = {};
  if (spec.period) {
    keys.period = periodOfDay(localDay(start, spec.period.timeZone), spec.period.grain).key;
  }
  if (spec.buckets) {
    let index = 0;
    while (
      index < spec.buckets.length &&
      (spec.buckets[index] ?? Number.POSITIVE_INFINITY) <= start
    ) {
      index += 1;
    }
    keys.bucket = String(index);
  }
  return keys;
}
