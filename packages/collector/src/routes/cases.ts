import type { CaseOwner } from '@npskit/core/schema';
import { Hono } from 'hono';
import { caseCsvHeader, caseCsvLine, toCaseJson, toHistoryJson } from '../analyst/case-json.js';
import { CSV_BOM, type CsvDelimiter } from '../analyst/csv.js';
import { decodeCursor, encodeCursor } from '../analyst/cursor.js';
import { ndjsonLine } from '../analyst/ndjson.js';
import { parseCaseFilter } from '../analyst/parse-case-filter.js';
import { toResponseJson } from '../analyst/response-json.js';
import { textStream } from '../analyst/text-stream.js';
import { scopedCaseFilter, scopedFilter } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import type { CaseRow } from '../store/case-types.js';
import { InvalidCursorError } from '../store/errors.js';

const JSON_DEFAULT_LIMIT = 100;
const JSON_MAX_LIMIT = 1000;
const STREAM_MAX_LIMIT = 1_000_000;
/** Case ids are UUIDs; the route pattern refuses anything else before a handler runs. */
export const CASE_ID =
  ':id{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}';

const invalid = (path: string, message: string) =>
  new ApiError(400, 'invalid_query', 'the query is not valid', {
    issues: [{ path, code: 'invalid_value', message }],
  });

/** The owners of the config by id (names for the case JSON). */
export function ownersOf(deps: AppDeps): ReadonlyMap<string, CaseOwner> {
  return new Map((deps.config.cases?.owners ?? []).map((owner) => [owner.id, owner]));
}

/**
 * `GET /v1/cases` (list and export: status, store, owner, survey, overdue, period; JSON pages or
 * streamed NDJSON/CSV) and `GET /v1/cases/{id}` (one case with its response — comment, context —
 * and its full history). A scoped key sees only the cases of its stores and surveys.
 */
export function createCasesRoute(deps: AppDeps): Hono {
  const owners = ownersOf(deps);
  const app = new Hono();
  app.get('/v1/cases', deps.guard('viewer'), async (c) => {
    const url = new URL(c.req.url);
    const now = deps.now();
    const { filter: requested, issues } = parseCaseFilter(url.searchParams, now, [
      'limit',
      'cursor',
      'format',
      'delimiter',
    ]);
    if (issues.length > 0) {
      throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    }
    const filter = scopedCaseFilter(c, requested);
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'ndjson' && format !== 'csv') {
      throw invalid('format', 'expected json, ndjson or csv');
    }
    const delimiterParam = url.searchParams.get('delimiter') ?? 'comma';
    if (delimiterParam !== 'comma' && delimiterParam !== 'semicolon') {
      throw invalid('delimiter', 'expected comma or semicolon');
    }
    const delimiter: CsvDelimiter = delimiterParam === 'semicolon' ? ';' : ',';
    const maxLimit = format === 'json' ? JSON_MAX_LIMIT : STREAM_MAX_LIMIT;
    const limitParam = url.searchParams.get('limit');
    let limit = format === 'json' ? JSON_DEFAULT_LIMIT : STREAM_MAX_LIMIT;
    if (limitParam !== null) {
      limit = Number(limitParam);
      if (!/^\d+$/.test(limitParam) || limit < 1 || limit > maxLimit) {
        throw invalid('limit', `expected a whole number from 1 to ${maxLimit}`);
      }
    }
    const token = url.searchParams.get('cursor');
    const after = token === null ? undefined : decodeCursor(token);
    if (token !== null && after === undefined)
      throw invalid('cursor', 'not a cursor from this API');
    const page = { ...(after !== undefined ? { after } : {}), limit };
    const toJson = (row: CaseRow) => toCaseJson(row, owners, now);

    if (format === 'json') {
      // One row more than asked tells whether a next page exists.
      const rows: CaseRow[] = [];
      await fromStore(async () => {
        try {
          for await (const row of deps.store.listCases(filter, { ...page, limit: limit + 1 })) {
            rows.push(row);
          }
        } catch (error) {
          if (error instanceof InvalidCursorError)
            throw invalid('cursor', 'not a cursor from this API');
          throw error;
        }
      });
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      const last = shown.at(-1);
      return c.json(
        {
          cases: shown.map(toJson),
          nextCursor: more && last ? encodeCursor(last.cursor) : null,
        },
        200,
        { 'Cache-Control': 'no-store' },
      );
    }
    const rows = deps.store.listCases(filter, page)[Symbol.asyncIterator]();
    const lines: AsyncIterator<string> = {
      async next() {
        const next = await rows.next();
        if (next.done) return { done: true, value: undefined };
        const json = toJson(next.value);
        return {
          done: false,
          value: format === 'csv' ? caseCsvLine(json, delimiter) : ndjsonLine(json),
        };
      },
      async return() {
        await rows.return?.();
        return { done: true, value: undefined };
      },
    };
    const first = await fromStore(async () => {
      try {
        return await lines.next();
      } catch (error) {
        if (error instanceof InvalidCursorError)
          throw invalid('cursor', 'not a cursor from this API');
        throw error;
      }
    });
    const prefix = format === 'csv' ? CSV_BOM + caseCsvHeader(delimiter) : '';
    const rest: AsyncIterator<string> = first.done
      ? { next: async () => ({ done: true, value: undefined }) }
      : lines;
    return new Response(textStream(first.done ? [prefix] : [prefix, first.value], rest), {
      status: 200,
      headers: {
        'Cache-Control': 'no-store',
        'Content-Type':
          format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson',
        ...(format === 'csv'
          ? { 'Content-Disposition': 'attachment; filename="npskit-cases.csv"' }
          : {}),
      },
    });
  });

  app.get(`/v1/cases/${CASE_ID}`, deps.guard('viewer'), async (c) => {
    if (new URL(c.req.url).search !== '') {
      throw invalid('(query)', 'this route takes no query parameters');
    }
    const within = scopedCaseFilter(c, {}).within;
    const detail = await fromStore(() => deps.store.getCase(c.req.param('id'), within));
    if (!detail) throw new ApiError(404, 'not_found', 'no such case');
    const responseFilter = scopedFilter(c, { responseId: detail.case.responseId });
    const response = await fromStore(async () => {
      for await (const row of deps.store.streamResponses(responseFilter, { limit: 1 })) {
        return toResponseJson(row);
      }
      return null;
    });
    return c.json(
      {
        case: toCaseJson(detail.case, owners, deps.now()),
        response,
        history: detail.history.map(toHistoryJson),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
