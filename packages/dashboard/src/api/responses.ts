import type { Filters } from '../state/filters.js';
import type { Range } from '../state/period-range.js';
import { apiGet, apiUrl, type Params } from './client.js';
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
}

/** Extra comment filters. */
export interface CommentQuery {
  q?: string;
  category?: 'promoter' | 'passive' | 'detractor';
  cursor?: string | undefined;
  limit?: number;
}

/**
 * The latest answered responses with a comment matching the filters and the text search, newest
 * first, one page at a time — filtered, searched and paged by the collector (`hasComment`, `q`,
 * `order=desc`), never in the browser.
 */
export async function fetchComments(
  filters: Filters,
  range: Range,
  query: CommentQuery,
  signal?: AbortSignal,
): Promise<CommentPage> {
  const body = await apiGet<{ responses: ResponseItem[]; nextCursor: string | null }>(
    '/v1/responses',
    {
      ...filterParams(filters, range),
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
  return { items: body.responses, nextCursor: body.nextCursor };
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
    ...filterParams(filters, range),
    ...extra,
    format: format === 'ndjson' ? 'ndjson' : 'csv',
    delimiter: format === 'csv-semicolon' ? 'semicolon' : undefined,
  });
}
