import { CHANNELS, type Channel, type ValidationIssue } from '@npskit/core/schema';
import type { CategoryName, ResponseFilter } from '../store/types.js';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORIES = new Set<CategoryName>(['promoter', 'passive', 'detractor']);

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

/**
 * Parses a time bound: an ISO 8601 date-time with a zone, or a `YYYY-MM-DD` date meaning midnight UTC.
 * Returns epoch ms, or undefined when it is neither.
 */
export function parseTime(value: string): number | undefined {
  if (!DATE_ONLY.test(value) && !DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Turns query parameters into a store filter. Unknown parameters are an error, not ignored: a typo in
 * `?unti=malmo` must not silently return every unit. Messages never repeat the submitted value.
 */
export function parseFilter(
  params: URLSearchParams,
  otherKeys: readonly string[] = [],
): { filter: ResponseFilter; issues: ValidationIssue[] } {
  const filter: ResponseFilter = {};
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string, code = 'invalid_value') =>
    issues.push({ path, code, message });
  const known = new Set<string>([...FILTER_KEYS, ...otherKeys]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) issue(key, 'unknown query parameter', 'unrecognized_keys');
    else if (params.getAll(key).length > 1) issue(key, 'give this parameter once');
  }
  const text = (key: 'touchpoint' | 'unit' | 'employee') => {
    const value = params.get(key);
    if (value === null) return;
    if (value.length === 0 || value.length > 200) issue(key, 'expected 1–200 characters');
    else filter[key] = value;
  };
  const response = params.get('response');
  if (response !== null) {
    if (UUID.test(response)) filter.responseId = response;
    else issue('response', 'expected a response id (UUID)');
  }
  const survey = params.get('survey');
  if (survey !== null) {
    if (SLUG.test(survey)) filter.surveyId = survey;
    else issue('survey', 'expected a survey id');
  }
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value === null) continue;
    const ms = parseTime(value);
    if (ms === undefined) issue(key, 'expected an ISO 8601 date-time with a zone, or YYYY-MM-DD');
    else filter[key] = ms;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
    issue('to', 'must be after from');
  }
  text('touchpoint');
  text('unit');
  text('employee');
  const category = params.get('category');
  if (category !== null) {
    if (CATEGORIES.has(category as CategoryName)) filter.category = category as CategoryName;
    else issue('category', 'expected promoter, passive or detractor');
  }
  const emotion = params.get('emotion');
  if (emotion !== null) {
    if (SLUG.test(emotion)) filter.emotion = emotion;
    else issue('emotion', 'expected an emotion key');
  }
  const answered = params.get('answered');
  if (answered !== null) {
    if (answered === 'true' || answered === 'false') filter.answered = answered === 'true';
    else issue('answered', 'expected true or false');
  }
  const verified = params.get('verified');
  if (verified !== null) {
    if (verified === 'true' || verified === 'false') filter.verified = verified === 'true';
    else issue('verified', 'expected true or false');
  }
  const channel = params.get('channel');
  if (channel !== null) {
    if ((CHANNELS as readonly string[]).includes(channel)) filter.channel = channel as Channel;
    else issue('channel', 'expected web, email or link');
  }
  return { filter, issues };
}
