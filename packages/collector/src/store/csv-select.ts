import type { CsvDelimiter } from './csv-row.js';
import { InvalidCursorError } from './errors.js';
import type { ResponseOrder } from './types.js';

/** A run of columns joined by the file's delimiter (NULL as empty) in one SQL string: `CsvSegment`. */
const joined = (columns: string[], delimiter: CsvDelimiter) =>
  columns.map((column) => `coalesce(${column}, '')`).join(` || '${delimiter}' || `);
const flagText = (column: string) => `CASE WHEN ${column} THEN 'true' ELSE 'false' END`;

/**
 * The `CsvRow` select list for one delimiter, in `CsvRow` order, the same on both adapters; `text`
 * casts a non-text column for concatenation where the database needs it (PostgreSQL; SQLite
 * converts on its own). Only fixed column names and one of two delimiters reach the SQL text.
 */
export function csvSelect(d: CsvDelimiter, text: (column: string) => string): string {
  return `seq,
  ${joined(['response_id', 'survey_id', 'survey_kind', text('score'), 'category', 'emotion'], d)},
  comment,
  ${joined(['customer_id', 'anonymous_id'], d)},
  displayed_at, answered_at, received_at,
  ${joined(['touchpoint', 'unit', 'employee', 'order_id'], d)},
  order_value,
  ${joined(['currency', 'locale', 'page'], d)},
  dismissed_at,
  ${joined([flagText('verified'), flagText('redacted'), flagText('time_adjusted'), text('answer_changes'), 'channel'], d)},
  ${text('custom')}`;
}

/** The position a page starts after: a cursor, else before the first row of that direction. */
export function decodeSeqCursor(cursor: string | undefined, order: ResponseOrder): number {
  if (cursor === undefined) return order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}
