import { EQUALITY_FILTERS, SCOPE_FILTERS } from '../filter-columns.js';
import type { ResponseFilter } from '../types.js';
import { FOLD_SQL } from './fold.js';

/** A SQL condition with its named parameters. */
export interface SqlCondition {
  sql: string;
  params: Record<string, string | number>;
}

/** The NPS groups as conditions on `score` (shared by filters and the counting query). */
export const CATEGORY_SQL = {
  promoter: 'score >= 9',
  passive: 'score BETWEEN 7 AND 8',
  detractor: 'score <= 6',
} as const;

/**
 * Turns analyst filters into a WHERE condition over `responses`. Values are always bound parameters;
 * only fixed column names are written into the SQL text.
 */
export function whereClause(filter: ResponseFilter): SqlCondition {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const equal = (column: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(`${column} = @${name}`);
    params[name] = value;
  };
  equal('response_id', 'responseId', filter.responseId);
  for (const [column, name] of EQUALITY_FILTERS) equal(column, name, filter[name]);
  if (filter.from !== undefined) {
    parts.push('at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    parts.push('at < @to');
    params.to = filter.to;
  }
  const oneOf = (column: string, name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    const names = values.map((value, index) => {
      params[`${name}${index}`] = value;
      return `@${name}${index}`;
    });
    parts.push(names.length === 0 ? '0' : `${column} IN (${names.join(', ')})`);
  };
  for (const [column, list, name] of SCOPE_FILTERS) oneOf(column, name, filter.within?.[list]);
  if (filter.category !== undefined) parts.push(CATEGORY_SQL[filter.category]);
  if (filter.answered === true) parts.push('score IS NOT NULL');
  if (filter.answered === false) parts.push('score IS NULL');
  if (filter.verified !== undefined) parts.push(filter.verified ? 'verified = 1' : 'verified = 0');
  if (filter.hasComment === true) parts.push("comment IS NOT NULL AND comment <> ''");
  if (filter.hasComment === false) parts.push("(comment IS NULL OR comment = '')");
  if (filter.commentContains !== undefined) {
    // instr, not LIKE: the text is matched as it is, `%` and `_` included.
    parts.push(`instr(${FOLD_SQL}(comment), @commentContains) > 0`);
    params.commentContains = filter.commentContains.toLowerCase();
  }

  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
