import { filterQueryShape, type ValidationIssue } from '@npskit/core/schema';
import { z } from 'zod';
import type { ResponseFilter } from '../store/types.js';
import { readQuery } from './read-query.js';
import { toFilter } from './to-filter.js';

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
