import { EXPORT_AT as AT, type ExportRow } from './export-rows.js';

/**
 * The cells of a run of adjacent CSV columns: one string with the cells joined by `SEPARATOR`
 * (NULL as empty; the adapter guarantees no cell holds the separator), or the cells themselves.
 * The joined form lets SQLite hand over one string where it would hand over up to nine values —
 * per value, not per byte, is what reading a row costs in JavaScript.
 */
export type CsvSegment = string | ReadonlyArray<string | number | null>;

/** U+001F (unit separator): between the cells of a joined `CsvSegment`. */
export const SEPARATOR = '\u001f';

/**
 * One response as the CSV export reads it, in CSV column order: runs of text-like columns as
 * segments, times and the order value as raw numbers (JavaScript formats them: SQLite would write
 * a REAL differently from `String(number)`).
 */
export type CsvRow = [
  seq: number,
  /** response_id, survey_id, survey_kind, score, category, emotion, comment, customer_id, anonymous_id */
  head: CsvSegment,
  displayedAt: number | null,
  answeredAt: number | null,
  receivedAt: number,
  /** touchpoint, unit, employee, order_id */
  place: CsvSegment,
  orderValue: number | null,
  /** currency, locale, page */
  locale: CsvSegment,
  dismissedAt: number | null,
  /** verified, redacted, time_adjusted (`true`/`false`), answer_changes, channel */
  tail: CsvSegment,
  /** The custom context as JSON text. */
  custom: string,
];

/** Cells per segment, by position in `CsvRow`. */
export const SEGMENT_CELLS: Readonly<Record<number, number>> = { 1: 9, 5: 4, 7: 3, 9: 5 };

/** Separators in `text` (a joined segment with the right count has cells − 1). */
export function separators(text: string): number {
  let count = 0;
  for (let at = text.indexOf(SEPARATOR); at !== -1; at = text.indexOf(SEPARATOR, at + 1)) {
    count += 1;
  }
  return count;
}

/** True when every joined segment of `row` has exactly its cells (no cell held a separator). */
export function segmentsIntact(row: CsvRow): boolean {
  for (const [position, cells] of Object.entries(SEGMENT_CELLS)) {
    const segment = row[Number(position)] as CsvSegment;
    if (typeof segment === 'string' && separators(segment) !== cells - 1) return false;
  }
  return true;
}

const flag = (value: number) => (value ? 'true' : 'false');

/** The `CsvRow` of an `ExportRow`, with list segments (always unambiguous). */
export function exportRowToCsvRow(row: ExportRow): CsvRow {
  return [
    row[AT.seq],
    [
      row[AT.responseId],
      row[AT.surveyId],
      row[AT.surveyKind],
      row[AT.score],
      row[AT.category],
      row[AT.emotion],
      row[AT.comment],
      row[AT.customerId],
      row[AT.anonymousId],
    ],
    row[AT.displayedAt],
    row[AT.answeredAt],
    row[AT.receivedAt],
    [row[AT.touchpoint], row[AT.unit], row[AT.employee], row[AT.orderId]],
    row[AT.orderValue],
    [row[AT.currency], row[AT.locale], row[AT.page]],
    row[AT.dismissedAt],
    [
      flag(row[AT.verified]),
      flag(row[AT.redacted]),
      flag(row[AT.timeAdjusted]),
      row[AT.answerChanges],
      row[AT.channel],
    ],
    row[AT.custom],
  ];
}
