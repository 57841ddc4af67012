import type { ResponseFilter } from './types.js';

/**
 * The filters that ask for one value of a key column, with the column: what both adapters' WHERE
 * clauses and both rollup readers turn into `column = value`. One list, so a new dimension is a
 * filter everywhere at once.
 */
export const EQUALITY_FILTERS = [
  ['survey_id', 'surveyId'],
  ['survey_kind', 'surveyKind'],
  ['touchpoint', 'touchpoint'],
  ['unit', 'unit'],
  ['employee', 'employee'],
  ['emotion', 'emotion'],
  ['channel', 'channel'],
] as const satisfies ReadonlyArray<readonly [string, keyof ResponseFilter]>;

/**
 * A read key's scope (`filter.within`): the lists a row's column must be in, with the column and
 * the name SQLite binds the list's values under.
 */
export const SCOPE_FILTERS = [
  ['site_key', 'siteKeys', 'withinSite'],
  ['unit', 'units', 'withinUnit'],
  ['survey_id', 'surveyIds', 'withinSurvey'],
] as const satisfies ReadonlyArray<
  readonly [string, keyof NonNullable<ResponseFilter['within']>, string]
>;
