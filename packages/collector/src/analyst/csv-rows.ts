import { EXPORT_AT as AT, type ExportRow } from '../store/export-rows.js';
import { own } from '../util/null-proto.js';
import { type CsvDelimiter, csvCell } from './csv.js';
import { createIsoTime } from './iso-time.js';

const NEEDS_QUOTES = /[",;\r\n]/;

/** `csvCell` of a text, with a shortcut: text starting with an ASCII letter or digit is no formula. */
function text(value: string | null): string {
  if (value === null) return '';
  const c = value.charCodeAt(0) | 32;
  const plain = (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
  if (!plain) return csvCell(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const number = (value: number | null): string => (value === null ? '' : String(value));
const flag = (value: number): string => (value ? 'true' : 'false');

/**
 * CSV data lines (CRLF each) for a batch of `ExportRow`s, byte for byte what `csvLine` writes for
 * the same responses, with less work per row: one string per batch, times formatted by a cached
 * ISO formatter, the fixed columns read by position, and `custom` parsed only when the file has
 * custom columns and the row has custom values.
 */
export function createCsvRows(
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): (rows: readonly ExportRow[]) => string {
  const iso = createIsoTime();
  // ISO times of years 0000–9999 start with a digit and hold nothing that needs quotes; the rest
  // (a six-digit signed year) go through the cell rules like any text.
  const time = (ms: number | null): string => {
    if (ms === null) return '';
    const value = iso(ms);
    const c = value.charCodeAt(0);
    return c >= 48 && c <= 57 ? value : csvCell(value);
  };
  const d = delimiter;
  return (rows) => {
    let out = '';
    for (const row of rows) {
      out +=
        text(row[AT.responseId]) +
        d +
        text(row[AT.surveyId]) +
        d +
        text(row[AT.surveyKind]) +
        d +
        number(row[AT.score]) +
        d +
        text(row[AT.category]) +
        d +
        text(row[AT.emotion]) +
        d +
        text(row[AT.comment]) +
        d +
        text(row[AT.customerId]) +
        d +
        text(row[AT.anonymousId]) +
        d +
        time(row[AT.displayedAt]) +
        d +
        time(row[AT.answeredAt]) +
        d +
        time(row[AT.receivedAt]) +
        d +
        text(row[AT.touchpoint]) +
        d +
        text(row[AT.unit]) +
        d +
        text(row[AT.employee]) +
        d +
        text(row[AT.orderId]) +
        d +
        number(row[AT.orderValue]) +
        d +
        text(row[AT.currency]) +
        d +
        text(row[AT.locale]) +
        d +
        text(row[AT.page]) +
        d +
        time(row[AT.dismissedAt]) +
        d +
        flag(row[AT.verified]) +
        d +
        flag(row[AT.redacted]) +
        d +
        flag(row[AT.timeAdjusted]) +
        d +
        number(row[AT.answerChanges]) +
        d +
        text(row[AT.channel]);
      if (customKeys.length > 0) {
        const json = row[AT.custom];
        // A plain parse is enough here: values are only read through `own` (own properties:
        // a column named `constructor` reads the row's value, never Object's, and JSON.parse makes
        // `__proto__` an own property), and the object never leaves this loop.
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
