import { offsetAt } from '@npskit/core/period';

/** A wall-clock date and time in some time zone. `weekday` is ISO (1 = Monday … 7 = Sunday). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** The wall clock in `timeZone` at the instant `at` (epoch ms), from core's cached zone offsets. */
export function wallTime(at: number, timeZone: string): WallTime {
  const local = new Date(Math.floor(at / 60_000) * 60_000 + offsetAt(at, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
  };
}

const HALF_DAY_MS = 43_200_000;

/**
 * The instant at which the wall clock in `timeZone` shows this date and time. A time repeated by a
 * DST change maps to its first occurrence; a skipped one (02:30 on the last Sunday of March in
 * Stockholm) to the instant an hour later, as a clock that was not changed would show it.
 */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets before and after any transition near this day (at most one per day in practice).
  const before = offsetAt(guess - HALF_DAY_MS, timeZone);
  const after = offsetAt(guess + HALF_DAY_MS, timeZone);
  const matches = [guess - before, guess - after].filter((at) => {
    const wall = wallTime(at, timeZone);
    return (
      wall.year === year &&
      wall.month === month &&
      wall.day === day &&
      wall.hour === hour &&
      wall.minute === minute
    );
  });
  return matches.length > 0 ? Math.min(...matches) : guess - before;
}

/** `YYYY-MM-DD` of a wall time. */
export function dateKey(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The calendar day after `wall` (no time zone involved: calendar arithmetic only). */
export function nextDay(wall: Pick<WallTime, 'year' | 'month' | 'day'>) {
  return addDays(wall, 1);
}

/** The calendar day `days` after (or before, when negative) `wall`. */
export function addDays(
  wall: Pick<WallTime, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: ((date.getUTCDay() + 6) % 7) + 1,
  };
}

/** Minutes since midnight of `HH:MM`. */
export function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
