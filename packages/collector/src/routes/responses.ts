import { responsesQuerySchema } from '@npskit/core/schema';
import { type Context, Hono } from 'hono';
import { CSV_BOM, type CsvDelimiter, csvHeader } from '../analyst/csv.js';
import { decodeCursor, encodeCursor } from '../analyst/cursor.js';
import { exportLines } from '../analyst/export-lines.js';
import { readQuery } from '../analyst/read-query.js';
import { iso, toResponseJson } from '../analyst/response-json.js';
import { type StreamPiece, textStream } from '../analyst/text-stream.js';
import { requestTimeZone } from '../analyst/time-zone.js';
import { toFilter } from '../analyst/to-filter.js';
import { scopedCaseFilter, scopedFilter } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { InvalidCursorError } from '../store/errors.js';
import type { ResponsePage, ResponseRow } from '../store/types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JSON_DEFAULT_LIMIT = 100;
const JSON_MAX_LIMIT = 1000;
const STREAM_MAX_LIMIT = 10_000_000;

const invalid = (path: string, message: string) =>
  new ApiError(400, 'invalid_query', 'the query is not valid', {
    issues: [{ path, code: 'invalid_value', message }],
  });

/** Store failures → 503, a cursor the store rejects → 400. */
const storeCall = <T>(work: () => Promise<T>): Promise<T> =>
  fromStore(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw invalid('cursor', 'not a cursor from this API');
      throw error;
    }
  });

/**
 * The case of each response on a JSON page (one indexed query for the page), within the caller's
 * scope — so a comment can link to its case. Undefined when cases are not configured.
 */
async function casesOfPage(
  c: Context,
  deps: AppDeps,
  rows: readonly ResponseRow[],
): Promise<Map<string, string> | undefined> {
  if (!deps.config.cases) return undefined;
  const byResponse = new Map<string, string>();
  if (rows.length === 0) return byResponse;
  const filter = scopedCaseFilter(c, { responseIds: rows.map((row) => row.responseId) });
  await storeCall(async () => {
    for await (const found of deps.store.listCases(filter, { limit: rows.length })) {
      byResponse.set(found.responseId, found.caseId);
    }
  });
  return byResponse;
}

/**
 * `GET /v1/responses`: one row per response. `format=json` (default) pages with `limit` (≤ 1000) and
 * returns `nextCursor` (with cases configured, each row carries its `caseId` or null); `ndjson` and `csv` stream every matching row (or `limit` rows) straight from
 * the store, announcing the next page in a `Link: <…>; rel="next"` header when there is one.
 */
export function createResponsesRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/responses', deps.guard('viewer'), async (c) => {
    const url = new URL(c.req.url);
    const { values, issues } = readQuery(url.searchParams, responsesQuerySchema);
    const timeZone = requestTimeZone(deps.config, c.get('principal'), values.tz, issues);
    const requested = toFilter(values, timeZone, issues);
    if (values.kind !== undefined) requested.surveyKind = values.kind;
    if (values.hasComment !== undefined) requested.hasComment = values.hasComment === 'true';
    // The comment was normalised (NFC) at ingest; the search text is normalised the same way.
    if (values.q !== undefined) requested.commentContains = values.q.normalize('NFC');
    if (issues.length > 0)
      throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    const filter = scopedFilter(c, requested);
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'ndjson' && format !== 'csv') {
      throw invalid('format', 'expected json, ndjson or csv');
    }
    const delimiterParam = url.searchParams.get('delimiter') ?? 'comma';
    if (delimiterParam !== 'comma' && delimiterParam !== 'semicolon') {
      throw invalid('delimiter', 'expected comma or semicolon');
    }
    const delimiter: CsvDelimiter = delimiterParam === 'semicolon' ? ';' : ',';
    const limitParam = url.searchParams.get('limit');
    const maxLimit = format === 'json' ? JSON_MAX_LIMIT : STREAM_MAX_LIMIT;
    let limit: number | undefined = format === 'json' ? JSON_DEFAULT_LIMIT : undefined;
    if (limitParam !== null) {
      limit = Number(limitParam);
      if (!/^\d+$/.test(limitParam) || limit < 1 || limit > maxLimit) {
        throw invalid('limit', `expected a whole number from 1 to ${maxLimit}`);
      }
    }
    const order = values.order ?? 'asc';
    const token = url.searchParams.get('cursor');
    const after = token === null ? undefined : decodeCursor(token, order);
    if (token !== null && after === undefined)
      throw invalid('cursor', 'not a cursor from this API for this order');
    const page: ResponsePage = {
      order,
      ...(after !== undefined ? { after } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };

    const headers = (nextCursor: string | null): Record<string, string> => {
      const result: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (nextCursor !== null) {
        const next = new URL(url);
        next.searchParams.set('cursor', encodeCursor(nextCursor, order));
        result.Link = `<${next.pathname}${next.search}>; rel="next"`;
      }
      return result;
    };

    if (format === 'json') {
      // One row more than the page tells whether another page follows, in the same query (a
      // separate pageEnd would scan a second time — a whole table for a search that finds little).
      const size = limit ?? JSON_DEFAULT_LIMIT;
      const rows: ResponseRow[] = [];
      await storeCall(async () => {
        for await (const row of deps.store.streamResponses(filter, { ...page, limit: size + 1 }))
          rows.push(row);
      });
      const more = rows.length > size;
      if (more) rows.length = size;
      const nextCursor = more ? (rows.at(-1)?.cursor ?? null) : null;
      const caseIds = await casesOfPage(c, deps, rows);
      return c.json(
        {
          responses: rows.map((row) => {
            const json = toResponseJson(row);
            return caseIds ? { ...json, caseId: caseIds.get(row.responseId) ?? null } : json;
          }),
          nextCursor: nextCursor === null ? null : encodeCursor(nextCursor, order),
        },
        200,
        headers(nextCursor),
      );
    }

    const nextCursor =
      limit === undefined
        ? null
        : await storeCall(() => deps.store.pageEnd(filter, after, limit, order));
    const customKeys =
      format === 'csv' ? await storeCall(() => deps.store.customContextKeys()) : [];
    const lines = exportLines(deps.store, filter, page, format, customKeys, delimiter);
    // Pull the first line before answering, so a bad cursor or a dead store is still a 400/503 and not
    // a 200 that breaks off.
    const first = await storeCall(() => lines.next());
    const prefix = format === 'csv' ? CSV_BOM + csvHeader(customKeys, delimiter) : '';
    const rest: AsyncIterator<StreamPiece> = first.done
      ? { next: async () => ({ done: true, value: undefined }) }
      : lines;
    const body = textStream(first.done ? [prefix] : [prefix, first.value], rest);
    return new Response(body, {
      status: 200,
      headers: {
        ...headers(nextCursor),
        'Content-Type':
          format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson',
        ...(format === 'csv'
          ? { 'Content-Disposition': 'attachment; filename="npskit-responses.csv"' }
          : {}),
      },
    });
  });
  app.get('/v1/responses/:id/events', deps.guard('viewer'), async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw invalid('id', 'expected a response id (UUID)');
    // The response must be visible to this key (its scope) before its events are.
    const visible = scopedFilter(c, { responseId: id });
    let found = false;
    await storeCall(async () => {
      for await (const _row of deps.store.streamResponses(visible, { limit: 1 })) found = true;
    });
    if (!found) throw new ApiError(404, 'not_found', 'no such response');
    const events = await storeCall(() => deps.store.responseEvents(id));
    return c.json(
      {
        responseId: id,
        events: events.map((event) => ({
          id: event.id,
          type: event.type,
          at: iso(event.at),
          clientAt: iso(event.clientAt),
          receivedAt: iso(event.receivedAt),
          score: event.score,
          emotion: event.emotion,
          comment: event.comment,
          verified: event.verified,
        })),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
