import { bandLabel } from '../band-label.js';
import type { ContextColumn, Dimension } from '../types.js';
import { CATEGORY_SQL } from './where-clause.js';

/** Context keys stored in a column of their own (a Map: no prototype to stumble on). */
const CONTEXT_COLUMNS: ReadonlyMap<ContextColumn, string> = new Map([
  ['touchpoint', 'touchpoint'],
  ['unit', 'unit'],
  ['employee', 'employee'],
  ['orderId', 'order_id'],
  ['currency', 'currency'],
  ['locale', 'locale'],
  ['page', 'page'],
]);

/**
 * Columns that lead a covering index `(column, survey_id, day, at, score)` (migration 3): grouping by
 * one of them, then by survey and day, walks that index in order — no table, no sort.
 */
export const INDEXED_COLUMNS: ReadonlySet<string> = new Set([
  'touchpoint',
  'unit',
  'employee',
  'emotion',
  'channel',
]);

/** A grouping term: its SQL expression and the named parameters it binds. */
export interface GroupTerm {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The SQL expression of a dimension that is not a time dimension. Only fixed column names are
 * written into the SQL text; every value (JSON path, band boundaries and labels, currency) is a bound
 * parameter named after the term's position.
 */
export function dimensionTerm(dimension: Dimension, position: number): GroupTerm {
  const name = (suffix: string) => `g${position}${suffix}`;
  switch (dimension.kind) {
    case 'survey':
      return { sql: 'survey_id', params: {} };
    case 'surveyKind':
      return { sql: 'survey_kind', params: {} };
    case 'site':
      return { sql: 'site_key', params: {} };
    case 'emotion':
      return { sql: 'emotion', params: {} };
    case 'channel':
      return { sql: 'channel', params: {} };
    case 'context':
      return { sql: CONTEXT_COLUMNS.get(dimension.key) ?? 'NULL', params: {} };
    case 'custom':
      return {
        sql: `json_extract(custom, @${name('path')})`,
        params: { [name('path')]: `$."${dimension.key}"` },
      };
    case 'category':
      return {
        sql: `CASE WHEN ${CATEGORY_SQL.promoter} THEN 'promoter' WHEN ${CATEGORY_SQL.passive} THEN 'passive' WHEN ${CATEGORY_SQL.detractor} THEN 'detractor' END`,
        params: {},
      };
    case 'verified':
      return { sql: "CASE WHEN verified = 1 THEN 'true' ELSE 'false' END", params: {} };
    case 'orderValueBand': {
      const params: Record<string, string | number> = {};
      const branches = dimension.boundaries.map((boundary, index) => {
        params[name(`b${index}`)] = boundary;
        params[name(`l${index}`)] = bandLabel(dimension.boundaries, index);
        return `WHEN order_value < @${name(`b${index}`)} THEN @${name(`l${index}`)}`;
      });
      const last = dimension.boundaries.length;
      params[name(`l${last}`)] = bandLabel(dimension.boundaries, last);
      let guard = 'order_value IS NULL';
      if (dimension.currency !== null) {
        params[name('currency')] = dimension.currency;
        guard += ` OR currency IS NOT @${name('currency')}`;
      }
      return {
        sql: `CASE WHEN ${guard} THEN NULL ${branches.join(' ')} ELSE @${name(`l${last}`)} END`,
        params,
      };
    }
    case 'period':
    case 'timeBucket':
      throw new Error('time dimensions are counted per day, not by a SQL term');
  }
}
