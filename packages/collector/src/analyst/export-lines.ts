import { exportRowToResponse } from '../store/export-rows.js';
import type { ResponseFilter, ResponsePage, Store } from '../store/types.js';
import type { CsvDelimiter } from './csv.js';
import { createCsvRows } from './csv-rows.js';
import { ndjsonLine } from './ndjson.js';
import { toResponseJson } from './response-json.js';
import type { StreamPiece } from './text-stream.js';

/** Streamed export formats. */
export type StreamFormat = 'ndjson' | 'csv';

/**
 * The lines of a streamed export, lazily: one piece (many lines) per batch the store reads, so the
 * async machinery runs once per batch of rows, not once per row. CSV reads `streamCsvRows` and
 * yields UTF-8 bytes (`createCsvRows`), NDJSON reads `streamExportRows` and yields text.
 */
export async function* exportLines(
  store: Pick<Store, 'streamCsvRows' | 'streamExportRows'>,
  filter: ResponseFilter,
  page: ResponsePage,
  format: StreamFormat,
  customKeys: readonly string[],
  delimiter: CsvDelimiter = ',',
): AsyncGenerator<StreamPiece> {
  if (format === 'csv') {
    const csv = createCsvRows(customKeys, delimiter);
    for await (const rows of store.streamCsvRows(filter, page, delimiter)) yield csv(rows);
    return;
  }
  for await (const rows of store.streamExportRows(filter, page)) {
    let text = '';
    for (const row of rows) text += ndjsonLine(toResponseJson(exportRowToResponse(row)));
    yield text;
  }
}
