/**
 * Calendar arithmetic on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), with
 * no time zone and no `Date`: once an instant has been turned into a *local* day number, weeks, months,
 * quarters and years are pure calendar maths. Algorithms from H. Hinnant, "chrono-Compatible Low-Level
 * Date Algorithms" (https://howardhinnant.github.io/date_algorithms.html).
 */

/** A calendar date; `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The day number of a calendar date (`days_from_civil`). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number (`civil_from_days`). */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * ISO 8601 week of a day: weeks start on Monday, and week 1 is the one with the year's first
 * Thursday — so 2024-12-30 is in 2025-W01 and 2027-01-01 in 2026-W53.
 */
export function isoWeek(dayNumber: number): { weekYear: number; week: number; monday: number } {
  const monday = dayNumber - isoWeekday(dayNumber) + 1;
  const weekYear = civilFromDay(monday + 3).year;
  const firstThursday = dayFromCivil(weekYear, 1, 4);
  const firstMonday = firstThursday - isoWeekday(firstThursday) + 1;
  return { weekYear, week: Math.floor((monday - firstMonday) / 7) + 1, monday };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses `YYYY-MM-DD` into a day number; undefined when it is not a real date (2025-02-30). */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = dayFromCivil(year, month, day);
  const back = civilFromDay(dayNumber);
  return back.year === year && back.month === month && back.day === day ? dayNumber : undefined;
}
