import type pg from 'pg';
import { type CsvDelimiter, type CsvRow, exportRowToCsvRow, settleSegments } from '../csv-row.js';
import { csvSelect, decodeSeqCursor } from '../csv-select.js';
import type { ExportRow } from '../export-rows.js';
import type { ResponseFilter, ResponseOrder, ResponsePage, ResponseRow } from '../types.js';
import { RESPONSE_COLUMNS, type ResponseRecord, toResponseRow } from './response-rows.js';
import { sqlParams } from './sql-params.js';
import { whereClause } from './where-clause.js';

/** Rows fetched per round trip: big enough to be fast, small enough to never matter in memory. */
const CHUNK = 1000;

/** The `ExportRow` select list, in `EXPORT_AT` order (flags as 0/1, `custom` as JSON text). */
const EXPORT_COLUMNS = `seq, response_id, survey_id, survey_kind, score, category, emotion,
  comment, customer_id, anonymous_id, displayed_at, answered_at, received_at, touchpoint, unit,
  employee, order_id, order_value, currency, locale, page, dismissed_at, verified::int,
  redacted::int, time_adjusted::int, answer_changes, channel, custom::text, site_key, at`;

const CSV_COLUMNS: Record<CsvDelimiter, string> = {
  ',': csvSelect(',', (column) => `${column}::text`),
  ';': csvSelect(';', (column) => `${column}::text`),
};

/** The keyset comparison and sort of one direction. */
const KEYSET: Record<ResponseOrder, { compare: string; order: string }> = {
  asc: { compare: '>', order: 'seq' },
  desc: { compare: '<', order: 'seq DESC' },
};

/**
 * Paged reads of `responses` in `seq` order, oldest or newest first. Keyset pagination, one short query per chunk: no cursor
 * or transaction stays open across an `await`, so a slow reader never holds a connection or blocks
 * vacuum. (With several writers, `seq` is allocated before commit, so a row committed during an
 * export may land behind the export's position and show up only in the next one; rows that existed
 * when the export started are never skipped or repeated.)
 */
export function createResponsesQuery(pool: pg.Pool) {
  const asObjects = async <T>(text: string, values: unknown[]): Promise<T[]> =>
    (await pool.query<T & pg.QueryResultRow>(text, values)).rows;
  const asArrays = async <T>(text: string, values: unknown[]): Promise<T[]> =>
    (await pool.query<T & unknown[]>({ text, values, rowMode: 'array' })).rows;

  /**
   * Keyset chunks of `columns` (`seq` first), as `fetch` returns them (objects or arrays). The
   * next chunk is asked for as soon as this one has arrived, before this one is handed on: the
   * server finds and sends it while the caller formats this one (a one-chunk read-ahead).
   */
  async function* chunks<T>(
    columns: string,
    fetch: (text: string, values: unknown[]) => Promise<T[]>,
    seqOf: (row: T) => number,
    filter: ResponseFilter,
    page: ResponsePage,
  ): AsyncGenerator<T[]> {
    const order = page.order ?? 'asc';
    const keyset = KEYSET[order];
    const chunk = (after: number, limit: number) => {
      const params = sqlParams();
      const where = whereClause(filter, params);
      const text = `SELECT ${columns} FROM responses WHERE ${where}
        AND seq ${keyset.compare} ${params.add(after)}
        ORDER BY ${keyset.order} LIMIT ${params.add(limit)}`;
      const rows = fetch(text, params.values);
      // Awaited below; this only keeps a read-ahead that fails after the caller stopped reading
      // (the store closed, say) from counting as an unhandled rejection.
      rows.catch(() => undefined);
      return rows;
    };
    let remaining = page.limit ?? Number.POSITIVE_INFINITY;
    let limit = Math.min(CHUNK, remaining);
    let next = remaining > 0 ? chunk(decodeSeqCursor(page.after, order), limit) : undefined;
    while (next !== undefined) {
      const rows = await next;
      remaining -= rows.length;
      const last = rows.at(-1);
      const more = last !== undefined && rows.length === limit && remaining > 0;
      limit = Math.min(CHUNK, remaining);
      next = more ? chunk(seqOf(last), limit) : undefined;
      if (rows.length > 0) yield rows;
    }
  }

  return {
    async *stream(filter: ResponseFilter, page: ResponsePage = {}): AsyncGenerator<ResponseRow[]> {
      for await (const records of chunks<ResponseRecord>(
        RESPONSE_COLUMNS,
        asObjects,
        (record) => record.seq,
        filter,
        page,
      )) {
        yield records.map(toResponseRow);
      }
    },
    exportRows(filter: ResponseFilter, page: ResponsePage = {}): AsyncGenerator<ExportRow[]> {
      return chunks<ExportRow>(EXPORT_COLUMNS, asArrays, (row) => row[0], filter, page);
    },
    /**
     * Matching rows as `CsvRow`s with segments joined by `delimiter` (as the SQLite adapter: fewer
     * values for pg to parse), settled by `settleSegments`. Rows whose joined cells would not split
     * back are read again, in one query per chunk, as fields and given list segments.
     */
    async *csvRows(
      filter: ResponseFilter,
      page: ResponsePage = {},
      delimiter: CsvDelimiter = ',',
    ): AsyncGenerator<CsvRow[]> {
      const columns = CSV_COLUMNS[delimiter];
      for await (const rows of chunks<CsvRow>(columns, asArrays, (row) => row[0], filter, page)) {
        const broken: number[] = [];
        for (const row of rows) if (!settleSegments(row, delimiter)) broken.push(row[0]);
        if (broken.length > 0) {
          const fields = await asArrays<ExportRow>(
            `SELECT ${EXPORT_COLUMNS} FROM responses WHERE seq = ANY($1::bigint[])`,
            [broken],
          );
          const bySeq = new Map(fields.map((row) => [row[0], exportRowToCsvRow(row)]));
          for (const [index, row] of rows.entries()) rows[index] = bySeq.get(row[0]) ?? row;
        }
        yield rows;
      }
    },
    async pageEnd(
      filter: ResponseFilter,
      after: string | undefined,
      limit: number,
      order: ResponseOrder = 'asc',
    ): Promise<string | null> {
      const params = sqlParams();
      const where = whereClause(filter, params);
      const keyset = KEYSET[order];
      const { rows } = await pool.query<{ seq: number }>(
        `SELECT seq FROM responses WHERE ${where}
          AND seq ${keyset.compare} ${params.add(decodeSeqCursor(after, order))}
          ORDER BY ${keyset.order} LIMIT 2 OFFSET ${params.add(limit - 1)}`,
        params.values,
      );
      return rows.length === 2 && rows[0] ? String(rows[0].seq) : null;
    },
  };
}
