import type { ResponseRow } from '../store/types.js';
import { type CsvDelimiter, csvLine } from './csv.js';
import { ndjsonLine } from './ndjson.js';
import { toResponseJson } from './response-json.js';

/** Streamed export formats. */
export type StreamFormat = 'ndjson' | 'csv';

/** Maps rows to text lines of one format, lazily. */
export async function* exportLines(
  rows: AsyncIterable<ResponseRow>,
  format: StreamFormat,
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): AsyncGenerator<string> {
  for await (const row of rows) {
    yield format === 'csv' ? csvLine(row, customKeys, delimiter) : ndjsonLine(toResponseJson(row));
  }
}
