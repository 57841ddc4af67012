import type { BusinessHours, CasesConfig } from '@npskit/core/schema';
import { clockMinutes, dateKey, nextDay, wallTime, zonedInstant } from './zoned-time.js';

const HOUR_MS = 3_600_000;
/** Longest search for business hours (a config with one working day a year still ends). */
const MAX_DAYS = 3700;

/**
 * When `hours` of business hours have passed since `from`: only the working days' hours count
 * (start–end on `days`, not on `holidays`, in the business hours' time zone, DST included). A case
 * opened on Friday at 16:00 with 48 business hours of 09:00–17:00 is due six working days later at
 * 16:00 (1 h on Friday, then 8 h a day).
 */
export function addBusinessHours(from: number, hours: number, business: BusinessHours): number {
  const days = new Set(business.days);
  const holidays = new Set(business.holidays ?? []);
  const startMinutes = clockMinutes(business.start);
  const endMinutes = clockMinutes(business.end);
  let remaining = hours * HOUR_MS;
  const first = wallTime(from, business.timeZone);
  let day = { year: first.year, month: first.month, day: first.day, weekday: first.weekday };
  for (let step = 0; step < MAX_DAYS; step += 1) {
    if (days.has(day.weekday) && !holidays.has(dateKey(day))) {
      const at = (minutes: number) =>
        zonedInstant(
          business.timeZone,
          day.year,
          day.month,
          day.day,
          Math.floor(minutes / 60),
          minutes % 60,
        );
      const open = Math.max(at(startMinutes), from);
      const close = at(endMinutes);
      if (close > open) {
        if (close - open >= remaining) return open + remaining;
        remaining -= close - open;
      }
    }
    day = nextDay(day);
  }
  throw new Error('business hours: no working time found within ten years');
}

/**
 * The first-contact deadline of a case opened at `openedAt` for `surveyId`: the survey's own SLA hours
 * or the default (48), counted in business hours when those are configured, else around the clock.
 */
export function caseDueAt(cases: CasesConfig, surveyId: string, openedAt: number): number {
  const hours = cases.sla.surveys?.[surveyId] ?? cases.sla.firstContactHours;
  const business = cases.sla.businessHours;
  return business ? addBusinessHours(openedAt, hours, business) : openedAt + hours * HOUR_MS;
}
