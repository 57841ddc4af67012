import type { Database, Statement } from 'better-sqlite3';
import { type CsvDelimiter, type CsvRow, exportRowToCsvRow, settleSegments } from '../csv-row.js';
import { csvSelect, decodeSeqCursor } from '../csv-select.js';
import type { ExportRow } from '../export-rows.js';
import type { ResponseFilter, ResponseOrder, ResponsePage, ResponseRow } from '../types.js';
import { createReadPlan, PROBE, type ReadPlan } from './read-plan.js';
import { type ResponseRecord, toResponseRow } from './response-rows.js';
import { whereClause } from './where-clause.js';

/** Rows fetched per round trip: big enough to be fast, small enough to never matter in memory. */
const CHUNK = 1000;

/** The `ExportRow` select list, in `EXPORT_AT` order. */
const EXPORT_COLUMNS = `seq, response_id, survey_id, survey_kind, score, category, emotion,
  comment, customer_id, anonymous_id, displayed_at, answered_at, received_at, touchpoint, unit,
  employee, order_id, order_value, currency, locale, page, dismissed_at, verified, redacted,
  time_adjusted, answer_changes, channel, custom, site_key, at`;

const CSV_COLUMNS: Record<CsvDelimiter, string> = {
  ',': csvSelect(',', (column) => column),
  ';': csvSelect(';', (column) => column),
};

/** The keyset condition and sort of one direction (a range on the primary key either way). */
const KEYSET: Record<ResponseOrder, { after: string; order: string }> = {
  asc: { after: 'seq > @after', order: 'seq' },
  desc: { after: 'seq < @after', order: 'seq DESC' },
};

/**
 * `NOT INDEXED` keeps SQLite on the rowid (`seq`) range, which walks rows in `seq` order so `LIMIT`
 * stops after one chunk; the planner's own pick (a covering `responses_nps_*` index) would read and
 * sort every remaining match for every chunk. `readPlan` says which one a read gets.
 */
const SOURCE: Record<ReadPlan, string> = { seq: 'responses NOT INDEXED', planner: 'responses' };

/**
 * Paged reads of `responses` in `seq` order (insertion order: stable while new rows arrive), oldest
 * or newest first, linear in the rows read: see `readPlan` for how each read stays so.
 */
export function createResponsesQuery(db: Database) {
  const readPlan = createReadPlan(db);
  const cache = new Map<string, Statement>();
  const prepare = (sql: string, raw = false): Statement => {
    const key = `${raw ? 'raw' : 'obj'}:${sql}`;
    let statement = cache.get(key);
    if (!statement) {
      statement = db.prepare(sql);
      if (raw) statement.raw(true);
      cache.set(key, statement);
    }
    return statement;
  };

  /**
   * Keyset pagination in chunks: no statement stays open across an `await` (better-sqlite3 locks the
   * one connection while a statement iterates), so ingest is never blocked by a slow reader and an
   * export holds at most one chunk. `seq` is the first column of whatever is selected.
   */
  function* chunks<T>(
    columns: string,
    raw: boolean,
    seqOf: (row: T) => number,
    filter: ResponseFilter,
    page: ResponsePage,
  ): Generator<T[]> {
    const where = whereClause(filter);
    const order = page.order ?? 'asc';
    const keyset = KEYSET[order];
    let after = decodeSeqCursor(page.after, order);
    let remaining = page.limit ?? Number.POSITIVE_INFINITY;
    let plan = readPlan(filter, where);
    let planned = 0;
    while (remaining > 0) {
      const limit = Math.min(CHUNK, remaining);
      const statement = prepare(
        `SELECT ${columns} FROM ${SOURCE[plan]} WHERE ${where.sql} AND ${keyset.after}
          ORDER BY ${keyset.order} LIMIT @limit`,
        raw,
      );
      const rows = statement.all({ ...where.params, after, limit }) as T[];
      if (rows.length > 0) yield rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < limit) return;
      after = seqOf(last);
      remaining -= rows.length;
      // More rows than the probe saw: they arrived since; walk `seq` from here.
      planned += rows.length;
      if (plan === 'planner' && planned >= PROBE && filter.responseId === undefined) plan = 'seq';
    }
  }

  return {
    /** Matching rows as `ResponseRow`s (see `chunks`). */
    *stream(filter: ResponseFilter, page: ResponsePage = {}): Generator<ResponseRow[]> {
      for (const records of chunks<ResponseRecord>('*', false, (r) => r.seq, filter, page)) {
        yield records.map(toResponseRow);
      }
    },
    /** Matching rows as raw `ExportRow` tuples (see `chunks`). */
    exportRows(filter: ResponseFilter, page: ResponsePage = {}): Generator<ExportRow[]> {
      return chunks<ExportRow>(EXPORT_COLUMNS, true, (row) => row[0], filter, page);
    },
    /**
     * Matching rows as `CsvRow`s with segments joined by `delimiter`, settled by `settleSegments`.
     * A row where some joined cell holds a delimiter, quote, CR or LF (so it would not split back)
     * is read again by `seq` as fields and given list segments.
     */
    *csvRows(
      filter: ResponseFilter,
      page: ResponsePage = {},
      delimiter: CsvDelimiter = ',',
    ): Generator<CsvRow[]> {
      const columns = CSV_COLUMNS[delimiter];
      for (const rows of chunks<CsvRow>(columns, true, (row) => row[0], filter, page)) {
        for (const [index, row] of rows.entries()) {
          if (settleSegments(row, delimiter)) continue;
          const fields = prepare(
            `SELECT ${EXPORT_COLUMNS} FROM responses WHERE seq = @seq`,
            true,
          ).get({
            seq: row[0],
          }) as ExportRow | undefined;
          if (fields) rows[index] = exportRowToCsvRow(fields);
        }
        yield rows;
      }
    },
    pageEnd(
      filter: ResponseFilter,
      after: string | undefined,
      limit: number,
      order: ResponseOrder = 'asc',
    ): string | null {
      const where = whereClause(filter);
      const keyset = KEYSET[order];
      const position = decodeSeqCursor(after, order);
      const plan = readPlan(filter, where);
      const rows = prepare(
        `SELECT seq FROM ${SOURCE[plan]} WHERE ${where.sql} AND ${keyset.after}
          ORDER BY ${keyset.order} LIMIT 2 OFFSET @offset`,
      ).all({ ...where.params, after: position, offset: limit - 1 }) as Array<{ seq: number }>;
      return rows.length === 2 && rows[0] ? String(rows[0].seq) : null;
    },
  };
}
