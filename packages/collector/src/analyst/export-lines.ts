import type { ExportRow } from '../store/export-rows.js';
import { exportRowToResponse } from '../store/export-rows.js';
import type { CsvDelimiter } from './csv.js';
import { createCsvRows } from './csv-rows.js';
import { ndjsonLine } from './ndjson.js';
import { toResponseJson } from './response-json.js';

/** Streamed export formats. */
export type StreamFormat = 'ndjson' | 'csv';

/**
 * Maps batches of stored rows to text, lazily: one string (many lines) per batch, so the async
 * machinery runs once per batch of a few thousand rows, not once per row.
 */
export async function* exportLines(
  batches: AsyncIterable<ExportRow[]>,
  format: StreamFormat,
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): AsyncGenerator<string> {
  const csv = format === 'csv' ? createCsvRows(customKeys, delimiter) : undefined;
  for await (const rows of batches) {
    if (csv) {
      yield csv(rows);
    } else {
      let text = '';
      for (const row of rows) text += ndjsonLine(toResponseJson(exportRowToResponse(row)));
      yield text;
    }
  }
}
