import { filterQueryShape, type ValidationIssue } from '@npskit/core/schema';
import { z } from 'zod';
import type { ResponseFilter } from '../store/types.js';
import { readQuery } from './read-query.js';
import { parseBound, toFilter } from './to-filter.js';

/** The filter keys shared by `/v1/responses`, `/v1/nps`, `export` and `summary`. */
export const FILTER_KEYS = [
  'response',
  'survey',
  'from',
  'to',
  'touchpoint',
  'unit',
  'employee',
  'category',
  'emotion',
  'answered',
  'verified',
  'channel',
] as const;

const filterOnly = z.strictObject(
  Object.fromEntries(FILTER_KEYS.map((key) => [key, filterQueryShape[key]])) as {
    [K in (typeof FILTER_KEYS)[number]]: (typeof filterQueryShape)[K];
  },
);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A time bound in epoch ms: ISO 8601 with a zone, or `YYYY-MM-DD` = midnight in `timeZone` (default
 * UTC); undefined for anything else (the case routes' `from`/`to`).
 */
export function parseTime(value: string, timeZone = 'UTC'): number | undefined {
  if (!DATE_ONLY.test(value) && !DATE_TIME.test(value)) return undefined;
  return parseBound(value, timeZone);
}

/**
 * Turns filter parameters alone into a store filter, with `YYYY-MM-DD` bounds in `timeZone` (the
 * CLI's path; the routes read their whole query schema with `readQuery` and call `toFilter`).
 */
export function parseFilter(
  params: URLSearchParams,
  timeZone = 'UTC',
): { filter: ResponseFilter; issues: ValidationIssue[] } {
  const { values, issues } = readQuery(params, filterOnly);
  const filter = toFilter(values, timeZone, issues);
  return { filter, issues };
}
