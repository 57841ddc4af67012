import type pg from 'pg';
import { InvalidCursorError } from '../errors.js';
import type { ResponseFilter, ResponseOrder, ResponsePage, ResponseRow } from '../types.js';
import { RESPONSE_COLUMNS, type ResponseRecord, toResponseRow } from './response-rows.js';
import { sqlParams } from './sql-params.js';
import { whereClause } from './where-clause.js';

/** Rows fetched per round trip: big enough to be fast, small enough to never matter in memory. */
const CHUNK = 500;

/** The position a page starts after: a cursor, else before the first row of that direction. */
function decodeCursor(cursor: string | undefined, order: ResponseOrder): number {
  if (cursor === undefined) return order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}

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
  return {
    async *stream(filter: ResponseFilter, page: ResponsePage = {}): AsyncGenerator<ResponseRow> {
      const order = page.order ?? 'asc';
      const keyset = KEYSET[order];
      let after = decodeCursor(page.after, order);
      let remaining = page.limit ?? Number.POSITIVE_INFINITY;
      while (remaining > 0) {
        const limit = Math.min(CHUNK, remaining);
        const params = sqlParams();
        const where = whereClause(filter, params);
        const { rows } = await pool.query<ResponseRecord>(
          `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where}
            AND seq ${keyset.compare} ${params.add(after)}
            ORDER BY ${keyset.order} LIMIT ${params.add(limit)}`,
          params.values,
        );
        for (const record of rows) yield toResponseRow(record);
        const last = rows.at(-1);
        if (!last || rows.length < limit) return;
        after = last.seq;
        remaining -= rows.length;
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
          AND seq ${keyset.compare} ${params.add(decodeCursor(after, order))}
          ORDER BY ${keyset.order} LIMIT 2 OFFSET ${params.add(limit - 1)}`,
        params.values,
      );
      return rows.length === 2 && rows[0] ? String(rows[0].seq) : null;
    },
  };
}
