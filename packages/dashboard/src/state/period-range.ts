import type { Filters } from './filters.js';

/** A half-open time range `[from, to)`. */
export interface Range {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;

/** Local midnight of the day `date` falls on, `days` later. */
function localDay(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

function parseLocalDate(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * The range a period stands for in the browser's time zone: whole local days, ending with today
 * (custom ranges include their `to` day). `now` is passed in so tests fix the clock.
 */
export function periodRange(filters: Filters, now: Date): Range {
  const tomorrow = localDay(now, 1);
  switch (filters.period) {
    case '7d':
      return { from: localDay(now, -6), to: tomorrow };
    case '30d':
      return { from: localDay(now, -29), to: tomorrow };
    case '90d':
      return { from: localDay(now, -89), to: tomorrow };
    case 'quarter':
      return {
        from: new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1),
        to: tomorrow,
      };
    case 'ytd':
      return { from: new Date(now.getFullYear(), 0, 1), to: tomorrow };
    case 'custom':
      return {
        from: parseLocalDate(filters.from ?? ''),
        to: localDay(parseLocalDate(filters.to ?? ''), 1),
      };
  }
}

/**
 * The period of equal length just before `range` (what the API's `compare=previous` means), counted
 * in whole local days so a daylight-saving change does not shift it by an hour.
 */
export function previousRange(range: Range): Range {
  const days = Math.round((range.to.getTime() - range.from.getTime()) / DAY_MS);
  return { from: localDay(range.from, -days), to: range.from };
}

/** Days in a range (rounded, DST-safe). */
export function rangeDays(range: Range): number {
  return Math.round((range.to.getTime() - range.from.getTime()) / DAY_MS);
}

/** The trend grain that gives a readable number of points for a range. */
export function trendGrain(range: Range): 'day' | 'week' | 'month' {
  const days = rangeDays(range);
  if (days <= 14) return 'day';
  if (days <= 120) return 'week';
  return 'month';
}
