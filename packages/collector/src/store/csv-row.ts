import { EXPORT_AT as AT, type ExportRow } from './export-rows.js';

/**
 * The cells of a run of adjacent CSV columns: one string that is already those cells as the CSV
 * file writes them, joined by the file's delimiter (the adapter hands a joined segment on only
 * when `copiesAsCells` holds for it), or the cells themselves, which the formatter writes one by
 * one. The joined form lets SQLite hand over one string where it would hand over up to six values
 * — per value, not per byte, is what reading a row costs in JavaScript — and lets the formatter
 * copy it without looking at it.
 */
export type CsvSegment = string | ReadonlyArray<string | number | null>;

/**
 * One response as the CSV export reads it, in CSV column order: runs of short text-like columns as
 * segments, the comment (the text that most often needs quotes) on its own, times and the order
 * value as raw numbers (JavaScript formats them: SQLite would write a REAL differently from
 * `String(number)`).
 */
export type CsvRow = [
  seq: number,
  /** response_id, survey_id, survey_kind, score, category, emotion */
  head: CsvSegment,
  comment: string | null,
  /** customer_id, anonymous_id */
  who: CsvSegment,
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
export const SEGMENT_CELLS: ReadonlyArray<readonly [position: number, cells: number]> = [
  [1, 6],
  [3, 2],
  [7, 4],
  [9, 3],
  [11, 5],
];

/** Column delimiters: `,` per RFC 4180, `;` for spreadsheets in locales that use a decimal comma. */
export type CsvDelimiter = ',' | ';';

/**
 * One cell that `csvCell` writes as it is, or none: it starts with a printable ASCII character
 * that is no space, quote, delimiter or formula character (`= + - @ |`) — so no Unicode space or
 * full-width formula character either — and holds no quote, delimiter, CR or LF.
 */
const PLAIN_CELL = '(?:[!#-*.-:<>?A-{}~][^",;\\r\\n]*)?';
/** `copiesAsCells` patterns by delimiter and cell count, made on first use. */
const copyable: Record<CsvDelimiter, RegExp[]> = { ',': [], ';': [] };

/**
 * True when a joined segment splits into exactly `cells` cells at `delimiter` and each cell is
 * written to the CSV file as it is (see `PLAIN_CELL`: the formula guard and quoting rules of
 * `csvCell` in `analyst/csv.ts`). Stricter than `csvCell` on purpose — a segment it refuses is
 * written cell by cell — and one regular expression per segment, because it runs for every segment
 * of every exported row (a hand-written loop over the characters took half again as long).
 */
export function copiesAsCells(text: string, cells: number, delimiter: CsvDelimiter): boolean {
  const patterns = copyable[delimiter];
  let pattern = patterns[cells];
  if (pattern === undefined) {
    pattern = new RegExp(`^${PLAIN_CELL}(?:${delimiter}${PLAIN_CELL}){${cells - 1}}$`);
    patterns[cells] = pattern;
  }
  return pattern.test(text);
}

/** Characters no cell of a joined segment may hold to split back, per delimiter. */
const UNSPLITTABLE = { ',': /["\r\n;]/, ';': /["\r\n,]/ } as const;

/**
 * True when a joined segment splits back into exactly `cells` cells at `delimiter`: no cell holds
 * a delimiter, quote, CR or LF (a comma in a unit name, say, does not split back).
 */
export function splitsInto(text: string, cells: number, delimiter: CsvDelimiter): boolean {
  if (UNSPLITTABLE[delimiter].test(text)) return false;
  let count = 0;
  for (let at = text.indexOf(delimiter); at !== -1; at = text.indexOf(delimiter, at + 1)) {
    count += 1;
  }
  return count === cells - 1;
}

/**
 * Makes the joined segments of a row as SQL returned them fit `CsvSegment`: each that
 * `copiesAsCells` stays joined; one that still splits back (a cell that starts like a formula,
 * say) becomes its list of cells. False when some segment does not split back: then the row must
 * be read again as fields (`exportRowToCsvRow`).
 */
export function settleSegments(row: CsvRow, delimiter: CsvDelimiter): boolean {
  for (const [position, cells] of SEGMENT_CELLS) {
    const segment = row[position] as CsvSegment;
    if (typeof segment !== 'string' || copiesAsCells(segment, cells, delimiter)) continue;
    if (!splitsInto(segment, cells, delimiter)) return false;
    row[position] = segment.split(delimiter);
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
    ],
    row[AT.comment],
    [row[AT.customerId], row[AT.anonymousId]],
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
