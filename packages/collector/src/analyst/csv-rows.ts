import { type CsvRow, type CsvSegment, SEPARATOR } from '../store/csv-row.js';
import { own } from '../util/null-proto.js';
import { type CsvDelimiter, csvCell } from './csv.js';
import { createIsoTime } from './iso-time.js';

/** A character that makes `csvCell` quote a cell. */
const QUOTE = /[",;\r\n]/;

/**
 * True when `csvCell` would leave every cell of a joined segment as it is: nothing to quote, and no
 * cell starts with a space, control, formula character (= + - @ |) or non-ASCII character (which
 * covers the Unicode spaces and full-width formula characters). Conservative on purpose: a cell
 * it refuses goes through `csvCell` itself, so the bytes never depend on this shortcut.
 */
function plain(cells: string): boolean {
  if (QUOTE.test(cells)) return false;
  for (let start = 0; ; ) {
    const c = cells.charCodeAt(start); // NaN past the end: an empty last cell
    // 31 is the separator itself: an empty cell.
    if (
      c !== 31 &&
      (c <= 32 || c === 61 || c === 43 || c === 45 || c === 64 || c === 124 || c >= 128)
    ) {
      return false;
    }
    const next = cells.indexOf(SEPARATOR, start);
    if (next === -1) return true;
    start = next + 1;
  }
}

/**
 * CSV data lines (CRLF each) for a batch of `CsvRow`s, byte for byte what `csvLine` writes for the
 * same responses, with little work per row: a joined segment whose cells need no quoting or formula
 * guard (nearly all) is written as it is with the separators turned into delimiters; others go
 * through `csvCell` cell by cell. Times use a cached ISO formatter, and `custom` is parsed only when
 * the file has custom columns and the row has custom values.
 */
export function createCsvRows(
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): (rows: readonly CsvRow[]) => string {
  const iso = createIsoTime();
  const d = delimiter;
  const segment = (cells: CsvSegment): string => {
    if (typeof cells !== 'string') return cells.map((cell) => csvCell(cell)).join(d);
    if (plain(cells)) return cells.replaceAll(SEPARATOR, d);
    return cells
      .split(SEPARATOR)
      .map((cell) => csvCell(cell))
      .join(d);
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
        time(row[2]) +
        d +
        time(row[3]) +
        d +
        time(row[4]) +
        d +
        segment(row[5]) +
        d +
        (row[6] === null ? '' : String(row[6])) +
        d +
        segment(row[7]) +
        d +
        time(row[8]) +
        d +
        segment(row[9]);
      if (customKeys.length > 0) {
        // A plain parse is enough here: values are only read through `own` (own properties:
        // a column named `constructor` reads the row's value, never Object's, and JSON.parse makes
        // `__proto__` an own property), and the object never leaves this loop.
        const json = row[10];
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
