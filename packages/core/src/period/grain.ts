import { civilFromDay, dayFromCivil, formatDay, isoWeek, parseDay } from './civil.js';

/** The time grains a summary can be grouped by. */
export const PERIOD_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** One of `PERIOD_GRAINS`. */
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** True for `day`, `week`, `month`, `quarter` or `year`. */
export function isPeriodGrain(value: string): value is PeriodGrain {
  return (PERIOD_GRAINS as readonly string[]).includes(value);
}

/** A calendar period as local day numbers: `[firstDay, nextFirstDay)`. */
export interface DayPeriod {
  /** `2025-03-14` (day), `2025-W11` (ISO week), `2025-03` (month), `2025-Q1`, `2025` (year). */
  key: string;
  firstDay: number;
  /** The first day of the next period (exclusive end). */
  nextFirstDay: number;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * The period of a grain that contains a local day. Keys sort in time order within a grain; weeks are
 * ISO 8601 weeks (Monday first, keyed by ISO week-year: 2024-12-30 is `2025-W01`).
 *
 * @example periodOfDay(dayFromCivil(2025, 3, 30), 'week').key // '2025-W13'
 */
export function periodOfDay(dayNumber: number, grain: PeriodGrain): DayPeriod {
  if (grain === 'day') {
    return { key: formatDay(dayNumber), firstDay: dayNumber, nextFirstDay: dayNumber + 1 };
  }
  if (grain === 'week') {
    const { weekYear, week, monday } = isoWeek(dayNumber);
    return {
      key: `${pad(weekYear, 4)}-W${pad(week, 2)}`,
      firstDay: monday,
      nextFirstDay: monday + 7,
    };
  }
  const { year, month } = civilFromDay(dayNumber);
  if (grain === 'month') {
    return {
      key: `${pad(year, 4)}-${pad(month, 2)}`,
      firstDay: dayFromCivil(year, month, 1),
      nextFirstDay: month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1),
    };
  }
  if (grain === 'quarter') {
    const quarter = Math.floor((month - 1) / 3) + 1;
    const firstMonth = (quarter - 1) * 3 + 1;
    return {
      key: `${pad(year, 4)}-Q${quarter}`,
      firstDay: dayFromCivil(year, firstMonth, 1),
      nextFirstDay:
        quarter === 4 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, firstMonth + 3, 1),
    };
  }
  return {
    key: pad(year, 4),
    firstDay: dayFromCivil(year, 1, 1),
    nextFirstDay: dayFromCivil(year + 1, 1, 1),
  };
}

/**
 * The period a key names (`2025-03-14`, `2025-W11`, `2025-03`, `2025-Q1`, `2025`), or undefined when
 * the key is not a period of that grain.
 *
 * @example parsePeriodKey('2025-W13', 'week')?.firstDay === dayFromCivil(2025, 3, 24) // true
 */
export function parsePeriodKey(key: string, grain: PeriodGrain): DayPeriod | undefined {
  let day: number | undefined;
  if (grain === 'day') day = parseDay(key);
  else if (grain === 'week') {
    const match = /^(\d{4})-W(\d{2})$/.exec(key);
    if (match) {
      const firstThursday = dayFromCivil(Number(match[1]), 1, 4);
      const monday =
        firstThursday - ((((firstThursday + 3) % 7) + 7) % 7) + (Number(match[2]) - 1) * 7;
      day = monday;
    }
  } else if (grain === 'month') {
    const match = /^(\d{4})-(\d{2})$/.exec(key);
    if (match) day = parseDay(`${match[1]}-${match[2]}-01`);
  } else if (grain === 'quarter') {
    const match = /^(\d{4})-Q([1-4])$/.exec(key);
    if (match) day = dayFromCivil(Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 1);
  } else {
    const match = /^(\d{4})$/.exec(key);
    if (match) day = dayFromCivil(Number(match[1]), 1, 1);
  }
  if (day === undefined) return undefined;
  const period = periodOfDay(day, grain);
  return period.key === key ? period : undefined;
}
