import { EQUALITY_FILTERS, SCOPE_FILTERS } from '../filter-columns.js';
import type { ResponseFilter } from '../types.js';
import { pgText } from './pg-text.js';
import type { SqlParams } from './sql-params.js';

/** The NPS groups as conditions on `score` (shared by filters and the counting query). */
export const CATEGORY_SQL = {
  promoter: 'score >= 9',
  passive: 'score BETWEEN 7 AND 8',
  detractor: 'score <= 6',
} as const;

/**
 * Analyst filters as a WHERE condition over `responses`. Values are always bound parameters; only
 * fixed column names are written into the SQL text.
 */
export function whereClause(filter: ResponseFilter, params: SqlParams): string {
  const parts: string[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) parts.push(`${column} = ${params.add(pgText(value))}`);
  };
  equal('response_id', filter.responseId);
  for (const [column, name] of EQUALITY_FILTERS) equal(column, filter[name]);
  if (filter.from !== undefined) parts.push(`at >= ${params.add(filter.from)}`);
  if (filter.to !== undefined) parts.push(`at < ${params.add(filter.to)}`);
  // A read key's scope: one array parameter per list (`= ANY`), an empty list matches nothing, and
  // a NULL unit is outside any unit scope (NULL = ANY(…) is not true).
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (values !== undefined)
      parts.push(`${column} = ANY(${params.add(values.map((value) => pgText(value)))}::text[])`);
  };
  for (const [column, list] of SCOPE_FILTERS) oneOf(column, filter.within?.[list]);
  if (filter.category !== undefined) parts.push(CATEGORY_SQL[filter.category]);
  if (filter.answered === true) parts.push('score IS NOT NULL');
  if (filter.answered === false) parts.push('score IS NULL');
  if (filter.verified !== undefined) parts.push(filter.verified ? 'verified' : 'NOT verified');
  if (filter.hasComment === true) parts.push("comment IS NOT NULL AND comment <> ''");
  if (filter.hasComment === false) parts.push("(comment IS NULL OR comment = '')");
  if (filter.commentContains !== undefined) {
    // strpos, not LIKE: the text is matched as it is, `%` and `_` included. npskit_fold is lower()
    // under an ICU collation where the server has one (Postgres migration 4), so "Å" folds like "å".
    const needle = params.add(pgText(filter.commentContains.toLowerCase()));
    parts.push(`strpos(npskit_fold(comment), ${needle}) > 0`);
  }
  return parts.length === 0 ? 'true' : parts.join(' AND ');
}
