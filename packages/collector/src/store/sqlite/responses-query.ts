import type { Database, Statement } from 'better-sqlite3';
import { InvalidCursorError } from '../errors.js';
import type { ResponseFilter, ResponseOrder, ResponsePage, ResponseRow } from '../types.js';
import { type ResponseRecord, toResponseRow } from './response-rows.js';
import { whereClause } from './where-clause.js';

/** Rows fetched per round trip: big enough to be fast, small enough to never matter in memory. */
const CHUNK = 500;

/** The position a page starts after: a cursor, else before the first row of that direction. */
function decodeCursor(cursor: string | undefined, order: ResponseOrder): number {
  if (cursor === undefined) return order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}

/** The keyset condition and sort of one direction (a range on the primary key either way). */
const KEYSET: Record<ResponseOrder, { after: string; order: string }> = {
  asc: { after: 'seq > @after', order: 'seq' },
  desc: { after: 'seq < @after', order: 'seq DESC' },
};

/**
 * Paged reads of `responses` in `seq` order (insertion order: stable while new rows arrive), oldest
 * or newest first.
 */
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
      const order = page.order ?? 'asc';
      const keyset = KEYSET[order];
      const statement = prepare(
        `SELECT * FROM responses WHERE ${where.sql} AND ${keyset.after} ORDER BY ${keyset.order} LIMIT @limit`,
      );
      let after = decodeCursor(page.after, order);
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
    pageEnd(
      filter: ResponseFilter,
      after: string | undefined,
      limit: number,
      order: ResponseOrder = 'asc',
    ): string | null {
      const where = whereClause(filter);
      const keyset = KEYSET[order];
      const rows = prepare(
        `SELECT seq FROM responses WHERE ${where.sql} AND ${keyset.after} ORDER BY ${keyset.order} LIMIT 2 OFFSET @offset`,
      ).all({ ...where.params, after: decodeCursor(after, order), offset: limit - 1 }) as Array<{
        seq: number;
      }>;
      return rows.length === 2 && rows[0] ? String(rows[0].seq) : null;
    },
  };
}
