import type { CsvRow, CsvSegment } from '../store/csv-row.js';
import { own } from '../util/null-proto.js';
import { type CsvDelimiter, csvCell } from './csv.js';
import { createIsoTime, YEAR_0, YEAR_10000 } from './iso-time.js';

/** UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair: four for two). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * CSV data lines (CRLF each) for a batch of `CsvRow`s read for `delimiter`, as UTF-8 bytes, byte
 * for byte what `csvLine` writes for the same responses, with little work per row: a joined segment
 * is copied as it is (the adapter hands one on only when it is already its cells, see
 * `CsvSegment`); list segments go through `csvCell` cell by cell. Times use a cached ISO formatter,
 * and `custom` is parsed only when the file has custom columns and the row has custom values. Each
 * line is encoded into one buffer as it is made: cheaper than joining a batch into one long string
 * and encoding that.
 */
export function createCsvRows(
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): (rows: readonly CsvRow[]) => Buffer {
  const iso = createIsoTime();
  const d = delimiter;
  const cell = (value: string | number | null) => csvCell(value);
  const segment = (cells: CsvSegment): string =>
    typeof cells === 'string' ? cells : cells.map(cell).join(d);
  // ISO times of years 0000–9999 start with a digit and hold nothing that needs quotes; the rest
  // (a six-digit signed year) go through the cell rules like any text.
  const time = (ms: number | null): string => {
    if (ms === null) return '';
    return ms >= YEAR_0 && ms < YEAR_10000 ? iso(ms) : csvCell(iso(ms));
  };
  const line = (row: CsvRow): string => {
    let text =
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
      // `__proto__` an own property), and the object never leaves this function.
      const json = row[12];
      const custom =
        json === '{}' ? undefined : (JSON.parse(json) as Record<string, string | number>);
      for (const key of customKeys) {
        text += d + (custom === undefined ? '' : csvCell(own(custom, key) ?? null));
      }
    }
    return `${text}\r\n`;
  };
  return (rows) => {
    let bytes = Buffer.allocUnsafe(rows.length * 512);
    let used = 0;
    for (const row of rows) {
      const text = line(row);
      const most = text.length * MAX_UTF8_PER_UNIT;
      if (used + most > bytes.length) {
        const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, used + most));
        bytes.copy(grown, 0, 0, used);
        bytes = grown;
      }
      used += bytes.write(text, used, 'utf8');
    }
    return bytes.subarray(0, used);
  };
}
