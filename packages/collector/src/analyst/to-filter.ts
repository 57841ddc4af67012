import { parseLocalDate } from '@npskit/core/period';
import type { Channel, ValidationIssue } from '@npskit/core/schema';
import type { CategoryName, ResponseFilter } from '../store/types.js';

/** Filter parameters as read by `readQuery` (strings checked by the schema). */
export interface FilterValues {
  response?: string | undefined;
  survey?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  touchpoint?: string | undefined;
  unit?: string | undefined;
  employee?: string | undefined;
  category?: CategoryName | undefined;
  emotion?: string | undefined;
  answered?: 'true' | 'false' | undefined;
  verified?: 'true' | 'false' | undefined;
  channel?: Channel | undefined;
}

/**
 * A time bound in epoch ms: an ISO date-time with a zone as it says, or `YYYY-MM-DD` as the start of
 * that day in `timeZone`.
 */
export function parseBound(value: string, timeZone: string): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseLocalDate(value, timeZone);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Turns checked filter parameters into a store filter (dates in `timeZone`). */
export function toFilter(
  values: FilterValues,
  timeZone: string,
  issues: ValidationIssue[],
): ResponseFilter {
  const filter: ResponseFilter = {};
  if (values.response !== undefined) filter.responseId = values.response;
  if (values.survey !== undefined) filter.surveyId = values.survey;
  for (const key of ['from', 'to'] as const) {
    const value = values[key];
    if (value === undefined) continue;
    const ms = parseBound(value, timeZone);
    if (ms === undefined) {
      issues.push({ path: key, code: 'invalid_value', message: 'not a real date' });
    } else filter[key] = ms;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
    issues.push({ path: 'to', code: 'invalid_value', message: 'must be after from' });
  }
  if (values.touchpoint !== undefined) filter.touchpoint = values.touchpoint;
  if (values.unit !== undefined) filter.unit = values.unit;
  if (values.employee !== undefined) filter.employee = values.employee;
  if (values.category !== undefined) filter.category = values.category;
  if (values.emotion !== undefined) filter.emotion = values.emotion;
  if (values.answered !== undefined) filter.answered = values.answered === 'true';
  if (values.verified !== undefined) filter.verified = values.verified === 'true';
  if (values.channel !== undefined) filter.channel = values.channel;
  return filter;
}
