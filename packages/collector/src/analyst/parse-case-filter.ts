import type { ValidationIssue } from '@npskit/core/schema';
import type { CaseFilter, CaseStatus } from '../store/case-types.js';
import { parseTime } from './parse-filter.js';

const STATUSES = new Set<CaseStatus>(['open', 'contacted', 'resolved', 'closed_no_action']);
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The filter keys of `GET /v1/cases` and the KPIs. */
export const CASE_FILTER_KEYS = [
  'status',
  'unit',
  'owner',
  'survey',
  'overdue',
  'from',
  'to',
] as const;

/**
 * Query parameters → a case filter. `status` takes a comma-separated list; `from`/`to` bound the
 * opening time; `overdue=true|false` is evaluated at `now`. Unknown parameters are an error (a typo
 * must not silently return every case); messages never repeat the submitted value.
 */
export function parseCaseFilter(
  params: URLSearchParams,
  now: number,
  otherKeys: readonly string[] = [],
): { filter: CaseFilter; issues: ValidationIssue[] } {
  const filter: CaseFilter = {};
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string, code = 'invalid_value') =>
    issues.push({ path, code, message });
  const known = new Set<string>([...CASE_FILTER_KEYS, ...otherKeys]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) issue(key, 'unknown query parameter', 'unrecognized_keys');
    else if (params.getAll(key).length > 1) issue(key, 'give this parameter once');
  }
  const status = params.get('status');
  if (status !== null) {
    const list = status.split(',');
    if (list.every((value) => STATUSES.has(value as CaseStatus))) {
      filter.statuses = list as CaseStatus[];
    } else
      issue('status', 'expected open, contacted, resolved or closed_no_action (comma separated)');
  }
  const unit = params.get('unit');
  if (unit !== null) {
    if (unit.length === 0 || unit.length > 200) issue('unit', 'expected 1–200 characters');
    else filter.unit = unit;
  }
  for (const [key, field] of [
    ['owner', 'ownerId'],
    ['survey', 'surveyId'],
  ] as const) {
    const value = params.get(key);
    if (value === null) continue;
    if (SLUG.test(value)) filter[field] = value;
    else issue(key, `expected an ${key} id`);
  }
  const overdue = params.get('overdue');
  if (overdue !== null) {
    if (overdue === 'true' || overdue === 'false') {
      filter.overdue = overdue === 'true';
      filter.now = now;
    } else issue('overdue', 'expected true or false');
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
  return { filter, issues };
}
