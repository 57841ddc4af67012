import type { ResponseRow } from '../store/types.js';
import { own } from '../util/null-proto.js';
import { iso } from './response-json.js';

/** The UTF-8 byte order mark: without it Excel reads UTF-8 as the local code page ("Ã¤" for "ä"). */
export const CSV_BOM = '\uFEFF';

/** Fixed columns, in order; custom context keys follow. */
const COLUMNS: ReadonlyArray<[string, (row: ResponseRow) => string | number | null]> = [
  ['response_id', (row) => row.responseId],
  ['survey_id', (row) => row.surveyId],
  ['survey_kind', (row) => row.surveyKind],
  ['score', (row) => row.score],
  ['category', (row) => row.category],
  ['emotion', (row) => row.emotion],
  ['comment', (row) => row.comment],
  ['customer_id', (row) => row.customerId],
  ['anonymous_id', (row) => row.anonymousId],
  ['displayed_at', (row) => iso(row.displayedAt)],
  ['answered_at', (row) => iso(row.answeredAt)],
  ['received_at', (row) => iso(row.receivedAt)],
  ['touchpoint', (row) => row.context.touchpoint],
  ['unit', (row) => row.context.unit],
  ['employee', (row) => row.context.employee],
  ['order_id', (row) => row.context.orderId],
  ['order_value', (row) => row.context.orderValue],
  ['currency', (row) => row.context.currency],
  ['locale', (row) => row.context.locale],
  ['page', (row) => row.context.page],
  ['dismissed_at', (row) => iso(row.dismissedAt)],
  ['verified', (row) => (row.verified ? 'true' : 'false')],
  ['redacted', (row) => (row.redacted ? 'true' : 'false')],
  ['time_adjusted', (row) => (row.timeAdjusted ? 'true' : 'false')],
  ['answer_changes', (row) => row.answerChanges],
  ['channel', (row) => row.channel],
];
const FIXED = new Set(COLUMNS.map(([name]) => name));

import type { CsvDelimiter } from '../store/csv-row.js';

export type { CsvDelimiter };

// A cell a spreadsheet would run as a formula: it starts (after any spaces) with = + - @ or their
// full-width forms, or with a tab, CR or LF. `|` starts DDE payloads in old Excel.
const FORMULA = /^[\s\u3000]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;
// Quoted whatever the chosen delimiter: a cell with `;` in a comma file is split by a spreadsheet
// that guesses `;` (Swedish Excel), and the half after it could start a formula.
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One cell. Every text cell that starts like a formula (see `FORMULA`) gets a leading `'` so a
 * spreadsheet shows it instead of running it (CSV injection: a comment "=HYPERLINK(…)" is data).
 * Numbers are written as numbers. A cell holding either delimiter, a quote, CR or LF is quoted
 * (RFC 4180), whichever delimiter the file uses.
 */
export function csvCell(value: string | number | null, _delimiter: CsvDelimiter = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header names for the custom context keys: the key itself unless it clashes with a fixed column. */
export function customColumnNames(keys: readonly string[]): string[] {
  return keys.map((key) => (FIXED.has(key) ? `context_${key}` : key));
}

/** The header line (with CRLF). */
export function csvHeader(customKeys: readonly string[], delimiter: CsvDelimiter = ','): string {
  const names = [...COLUMNS.map(([name]) => name), ...customColumnNames(customKeys)];
  return `${names.map((name) => csvCell(name, delimiter)).join(delimiter)}\r\n`;
}

/** One data line (with CRLF). */
export function csvLine(
  row: ResponseRow,
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): string {
  const cells = [
    ...COLUMNS.map(([, get]) => get(row)),
    // `own`: a column named `constructor` must read the row's value, never Object's.
    ...customKeys.map((key) => own(row.custom, key) ?? null),
  ];
  return `${cells.map((cell) => csvCell(cell, delimiter)).join(delimiter)}\r\n`;
}
