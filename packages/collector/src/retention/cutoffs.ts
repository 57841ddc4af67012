import { DAY_MS, ELIGIBILITY_DEFAULTS } from '@npskit/core';
import type { CollectorConfig } from '@npskit/core/schema';
import type { PurgeRequest } from '../store/types.js';

/** `months` calendar months before `now`, in UTC (the 31st falls back to the month's last day). */
export function monthsBefore(now: number, months: number): number {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}

/**
 * What the retention purge removes at `now`: comments and responses older than the config's months,
 * and reservations older than the longest eligibility horizon (after that they decide nothing).
 */
export function retentionCutoffs(config: CollectorConfig, now: number): PurgeRequest {
  const { commentsMonths, responsesMonths } = config.retention;
  const horizonDays = Math.max(
    config.quarantine.windowDays ?? ELIGIBILITY_DEFAULTS.windowDays,
    config.quarantine.minDaysBetweenDisplays ?? ELIGIBILITY_DEFAULTS.minDaysBetweenDisplays,
    ...config.surveys.map((survey) =>
      Math.max(
        survey.recontactDays ?? ELIGIBILITY_DEFAULTS.recontactDays,
        survey.dismissWaitDays ?? ELIGIBILITY_DEFAULTS.dismissWaitDays,
      ),
    ),
  );
  return {
    ...(commentsMonths !== undefined ? { commentsBefore: monthsBefore(now, commentsMonths) } : {}),
    ...(responsesMonths !== undefined
      ? { responsesBefore: monthsBefore(now, responsesMonths) }
      : {}),
    reservationsBefore: now - horizonDays * DAY_MS,
  };
}
