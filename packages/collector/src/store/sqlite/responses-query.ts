import type { Database, Statement } from 'better-sqlite3';
import { InvalidCursorError } from '../errors.js';
import type { ResponseFilter, ResponsePage, ResponseRow } from '../types.js';
import { type ResponseRecord, toResponseRow } from './response-rows.js';
import { whereClause } from './where-clause.js';

/** Rows fetched per round trip: big enough to be fast, small enough to never matter in memory. */
const CHUNK = 500;

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}

/** Paged reads of `responses` in `seq` order (insertion order: stable while new rows arrive). */
export function createResponsesQuery(db: Database) {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };

  return {
    /**
     * Keyset pagination in chunks: no statement stays open across an `await`, so writers are never
     * blocked by a slow reader and a million-row export holds at most one chunk.
     */
    async *stream(filter: ResponseFilter, page: ResponsePage = {}): AsyncGenerator<ResponseRow> {
      const where = whereClause(filter);
      const statement = prepare(
        `SELECT * FROM responses WHERE ${where.sql} AND seq > @after ORDER BY seq LIMIT @limit`,
      );
      let after = decodeCursor(page.after);
      let remaining = page.limit ?? Number.POSITIVE_INFINITY;
      while (remaining > 0) {
        const limit = Math.min(CHUNK, remaining);
        const records = statement.all({ ...where.params, after, limit }) as ResponseRecord[];
        for (const record of records) yield toResponseRow(record);
        const last = records.at(-1);
        if (!last || records.length < limit) return;
        after = last.seq;
        remaining -= records.length;
      }
    },
    pageEnd(filter: ResponseFilter, after: string | undefined, limit: number): string | null {
      const where = whereClause(filter);
      const rows = prepare(
        `SELECT seq FROM responses WHERE ${where.sql} AND seq > @after ORDER BY seq LIMIT 2 OFFSET @offset`,
      ).all({ ...where.params, after: decodeCursor(after), offset: limit - 1 }) as Array<{
        seq: number;
      }>;
      return rows.length === 2 && rows[0] ? String(rows[0].seq) : null;
    },
  };
}
