import type { Filters } from '../state/filters.js';
import type { Range } from '../state/period-range.js';
import { apiGet, apiUrl, isUnsupported, type Params } from './client.js';
import { filterParams } from './nps.js';

/** One response as `/v1/responses` returns it (the fields the comments view shows). */
export interface ResponseItem {
  responseId: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  score: number | null;
  category: 'promoter' | 'passive' | 'detractor' | null;
  emotion: string | null;
  comment: string | null;
  at: string;
  answeredAt: string | null;
  verified?: boolean;
  caseId?: string | null;
  context: {
    unit?: string | null;
    employee?: string | null;
    touchpoint?: string | null;
    orderValue?: number | null;
    currency?: string | null;
  };
}

/** One page of comments. */
export interface CommentPage {
  items: ResponseItem[];
  nextCursor: string | null;
  /** True when the collector could not search and the list covers only the latest answers. */
  partial?: boolean;
}

/** Extra comment filters. */
export interface CommentQuery {
  q?: string;
  category?: 'promoter' | 'passive' | 'detractor';
  cursor?: string;
  limit?: number;
}

/**
 * `/v1/responses` has no `kind` filter (only `/v1/nps` has): rows carry `surveyKind`, so the
 * comments list filters by it here, and export links leave it out (the view says so).
 */
function responseParams(filters: Filters, range: Range) {
  const { kind: _kind, ...params } = filterParams(filters, range);
  return params;
}

/** Learned on the first refusal: this collector has no comment search on `/v1/responses`. */
let serverSearch = true;

/**
 * The latest answered responses with a comment matching the filters and the text search, newest
 * first, one page at a time — filtered and paged by the collector (`hasComment`, `q`,
 * `order=desc`). A collector without those parameters gets `latestCommentsScan` instead.
 */
export async function fetchComments(
  filters: Filters,
  range: Range,
  query: CommentQuery,
  signal?: AbortSignal,
): Promise<CommentPage> {
  if (serverSearch) {
    try {
      const body = await apiGet<{ responses: ResponseItem[]; nextCursor: string | null }>(
        '/v1/responses',
        {
          ...responseParams(filters, range),
          answered: 'true',
          hasComment: 'true',
          order: 'desc',
          q: query.q || undefined,
          category: query.category,
          cursor: query.cursor,
          limit: query.limit ?? 25,
        },
        signal,
      );
      return { items: ofKind(body.responses, filters), nextCursor: body.nextCursor };
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      serverSearch = false;
    }
  }
  return latestCommentsScan(filters, range, query, signal);
}

/** Rows read per window by the fallback, and the windows it widens through (days back). */
const SCAN_PAGE = 1000;
const SCAN_WINDOWS_DAYS = [2, 14, 90];

/**
 * Fallback for collectors without comment search: reads answered responses of the last 2, then 14,
 * then 90 days (one page of at most 1000 each, newest window first) until it has `limit` comments,
 * and searches those in the browser. Bounded, and said on screen (`partial`).
 */
async function latestCommentsScan(
  filters: Filters,
  range: Range,
  query: CommentQuery,
  signal?: AbortSignal,
): Promise<CommentPage> {
  const limit = query.limit ?? 25;
  const needle = query.q?.toLocaleLowerCase();
  let found: ResponseItem[] = [];
  for (const days of SCAN_WINDOWS_DAYS) {
    const from = new Date(Math.max(range.from.getTime(), range.to.getTime() - days * 86_400_000));
    const body = await apiGet<{ responses: ResponseItem[] }>(
      '/v1/responses',
      {
        ...responseParams(filters, { from, to: range.to }),
        answered: 'true',
        category: query.category,
        limit: SCAN_PAGE,
      },
      signal,
    );
    found = ofKind(body.responses, filters).filter(
      (item) =>
        item.comment !== null &&
        item.comment !== '' &&
        (!needle || item.comment.toLocaleLowerCase().includes(needle)),
    );
    if (found.length >= limit || from.getTime() <= range.from.getTime()) break;
  }
  found.sort((a, b) => (b.answeredAt ?? b.at).localeCompare(a.answeredAt ?? a.at));
  return { items: found.slice(0, limit), nextCursor: null, partial: true };
}

function ofKind(items: ResponseItem[], filters: Filters): ResponseItem[] {
  return filters.kind ? items.filter((item) => item.surveyKind === filters.kind) : items;
}

/** Export formats offered on every view. */
export type ExportFormat = 'csv' | 'csv-semicolon' | 'ndjson';

/** The download URL of the current view's responses (the same filters as the view). */
export function exportUrl(
  filters: Filters,
  range: Range,
  format: ExportFormat,
  extra: Params = {},
) {
  return apiUrl('/v1/responses', {
    ...responseParams(filters, range),
    ...extra,
    format: format === 'ndjson' ? 'ndjson' : 'csv',
    delimiter: format === 'csv-semicolon' ? 'semicolon' : undefined,
  });
}
