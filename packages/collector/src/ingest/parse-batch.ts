import { DEFAULT_EMOTIONS } from '@npskit/core';
import {
  eventBatchSchema,
  eventSchema,
  LIMITS,
  type NpsEvent,
  toValidationIssues,
  type ValidationIssue,
} from '@npskit/core/schema';
import type { SiteEntry } from '../app/site-directory.js';
import { prefixIssues, unknownKeyIssues } from './issue-helpers.js';

/** An event the batch could not accept, as reported in the 202/400/409 body. */
export interface RejectedEvent {
  index: number;
  /** The event's id when it is a valid UUID (never an arbitrary submitted value), else null. */
  id: string | null;
  issues: ValidationIssue[];
}

/** A batch split into the events to store and the ones rejected. */
export interface ParsedBatch {
  sentAt: number;
  valid: Array<{ index: number; event: NpsEvent }>;
  rejected: RejectedEvent[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENVELOPE_KEYS = new Set(['site', 'sentAt', 'events']);

/** Validates the batch envelope (site, sentAt, an events array of allowed length). */
export function envelopeIssues(body: unknown): ValidationIssue[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '', code: 'invalid_type', message: 'expected a JSON object' }];
  }
  const record = body as Record<string, unknown>;
  const issues = unknownKeyIssues(record, ENVELOPE_KEYS);
  for (const key of ['site', 'sentAt'] as const) {
    const result = eventBatchSchema.shape[key].safeParse(record[key]);
    if (!result.success) issues.push(...prefixIssues(key, toValidationIssues(result.error)));
  }
  const events = record.events;
  if (!Array.isArray(events)) {
    issues.push({ path: 'events', code: 'invalid_type', message: 'expected an array of events' });
  } else if (events.length === 0) {
    issues.push({ path: 'events', code: 'too_small', message: 'expected at least 1 event' });
  } else if (events.length > LIMITS.maxEventsPerBatch) {
    issues.push({
      path: 'events',
      code: 'too_big',
      message: `at most ${LIMITS.maxEventsPerBatch} events per batch`,
    });
  }
  return issues;
}

/** Checks that only make sense against the site's config: the survey exists, the emotion is offered. */
function siteIssues(event: NpsEvent, entry: SiteEntry): ValidationIssue[] {
  const survey = entry.surveys.get(event.surveyId);
  if (!survey) {
    return [{ path: 'surveyId', code: 'unknown_survey', message: 'this site runs no such survey' }];
  }
  if (event.type === 'followup' && event.emotion !== undefined) {
    const options = survey.emotions?.options ?? DEFAULT_EMOTIONS;
    if (!options.some((option) => option.key === event.emotion)) {
      return [
        { path: 'emotion', code: 'unknown_emotion', message: 'not an emotion of this survey' },
      ];
    }
  }
  return [];
}

/**
 * Validates each event on its own so one bad event does not cost its siblings (partial batches):
 * a page that sends a good answer and a malformed followup keeps the answer. Call `envelopeIssues`
 * first; this assumes a valid envelope.
 */
export function parseBatch(
  body: { sentAt: string; events: unknown[] },
  entry: SiteEntry,
): ParsedBatch {
  const valid: ParsedBatch['valid'] = [];
  const rejected: RejectedEvent[] = [];
  body.events.forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' && UUID.test(rawId) ? rawId : null;
    const result = eventSchema.safeParse(raw);
    const issues = result.success
      ? siteIssues(result.data, entry)
      : toValidationIssues(result.error);
    if (result.success && issues.length === 0) valid.push({ index, event: result.data });
    else rejected.push({ index, id, issues: prefixIssues(`events.${index}`, issues) });
  });
  return { sentAt: Date.parse(body.sentAt), valid, rejected };
}
