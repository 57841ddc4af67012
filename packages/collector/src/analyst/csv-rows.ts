import type { CsvRow, CsvSegment } from '../store/csv-row.js';
import { own } from '../util/null-proto.js';
import { type CsvDelimiter, csvCell } from './csv.js';
import { createIsoTime } from './iso-time.js';

/**
 * True when `csvCell` leaves every cell of a joined segment as it is. The adapter has already made
 * sure no cell holds a delimiter, quote, CR or LF; what is left is the formula guard, so this checks
 * how each cell starts: not with a space, control, formula character (= + - @ |) or non-ASCII
 * character (which covers the Unicode spaces and full-width formula characters). Conservative on
 * purpose: a segment it refuses goes through `csvCell` cell by cell, so the bytes never depend on
 * this shortcut.
 */
function plainStarts(cells: string, delimiter: string, code: number): boolean {
  for (let start = 0; ; ) {
    const c = cells.charCodeAt(start); // NaN past the end: an empty last cell
    // The delimiter itself: an empty cell.
    if (
      c !== code &&
      (c <= 32 || c === 61 || c === 43 || c === 45 || c === 64 || c === 124 || c >= 128)
    ) {
      return false;
    }
    const next = cells.indexOf(delimiter, start);
    if (next === -1) return true;
    start = next + 1;
  }
}

/**
 * CSV data lines (CRLF each) for a batch of `CsvRow`s read for `delimiter`, byte for byte what
 * `csvLine` writes for the same responses, with little work per row: a joined segment whose cells
 * start plainly (nearly all) is copied as it is; others, and list segments, go through `csvCell`
 * cell by cell. Times use a cached ISO formatter, and `custom` is parsed only when the file has
 * custom columns and the row has custom values.
 */
export function createCsvRows(
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): (rows: readonly CsvRow[]) => string {
  const iso = createIsoTime();
  const d = delimiter;
  const code = d.charCodeAt(0);
  const cell = (value: string | number | null) => csvCell(value);
  const segment = (cells: CsvSegment): string => {
    if (typeof cells !== 'string') return cells.map(cell).join(d);
    if (plainStarts(cells, d, code)) return cells;
    return cells.split(d).map(cell).join(d);
  };
  // ISO times of years 0000–9999 start with a digit and hold nothing that needs quotes; the rest
  // (a six-digit signed year) go through the cell rules like any text.
  const time = (ms: number | null): string => {
    if (ms === null) return '';
    const value = iso(ms);
    const c = value.charCodeAt(0);
    return c >= 48 && c <= 57 ? value : csvCell(value);
  };
  return (rows) => {
    let out = '';
    for (const row of rows) {
      out +=
        segment(row[1]) +
        d +
        csvCell(row[2]) +
        d +
        segment(row[3]) +
        d +
        time(row[4]) +
        d +
        time(row[5]) +
        d +
        time(row[6]) +
        d +
        segment(row[7]) +
        d +
        (row[8] === null ? '' : String(row[8])) +
        d +
        segment(row[9]) +
        d +
        time(row[10]) +
        d +
        segment(row[11]);
      if (customKeys.length > 0) {
        // A plain parse is enough here: values are only read through `own` (own properties:
        // a column named `constructor` reads the row's value, never Object's, and JSON.parse makes
        // `__proto__` an own property), and the object never leaves this loop.
        const json = row[12];
        const custom =
          json === '{}' ? undefined : (JSON.parse(json) as Record<string, string | number>);
        for (const key of customKeys) {
          out += d + (custom === undefined ? '' : csvCell(own(custom, key) ?? null));
        }
      }
      out += '\r\n';
    }
    return out;
  };
}
