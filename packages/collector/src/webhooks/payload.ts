import { classify } from '@npskit/core';
import { contextJson, iso } from '../analyst/response-json.js';
import type { ResponseRow } from '../store/types.js';

/** What a webhook POST announces. */
export type WebhookEventType = 'detractor' | 'answer' | 'followup' | 'answer_changed';

/**
 * The JSON body of one webhook POST (see the README, "Webhooks"). Built from the stored response
 * after the batch committed, so it carries what the collector vouches for — never the client IP, the
 * anonymous browser id, or the page query string (already cut at ingest).
 */
export interface WebhookPayload {
  type: WebhookEventType;
  /** The stored event that triggered this notification: stable across delivery retries (dedupe key). */
  eventId: string;
  /** Human-readable one-liner (Slack `text`); customer text is escaped for Slack/Teams markup. */
  text: string;
  /** The site's name from the config. */
  site: string;
  siteKey: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  responseId: string;
  score: number;
  category: 'promoter' | 'passive' | 'detractor';
  /** Known so far: null when the follow-up question was not answered (yet). */
  emotion: string | null;
  comment: string | null;
  /** `customerId` only: null for anonymous visitors (the anonymous id is never sent). */
  respondent: { customerId: string | null };
  /** Standard context keys with a value, then custom keys. */
  context: Record<string, string | number>;
  answeredAt: string | null;
  /** When the collector received the event that triggered this notification. */
  receivedAt: string;
  /** Paths on this collector (append to its base URL; analyst routes need a read key). */
  links: { responses: string };
  /** `answer_changed` only: the score this answer replaced. */
  previousScore?: number;
  /** The response's attribution was signed by the site (`verified`). */
  verified: boolean;
}

/** Escapes `&`, `<`, `>` (Slack mrkdwn control characters): a comment cannot ping @channel. */
const escapeMarkup = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const LABEL: Record<WebhookEventType, string> = {
  detractor: 'Detractor',
  answer: 'NPS answer',
  followup: 'Follow-up',
  answer_changed: 'Changed answer',
};

function summary(payload: Omit<WebhookPayload, 'text'>): string {
  const who = payload.respondent.customerId
    ? `customer ${escapeMarkup(payload.respondent.customerId)}`
    : 'an anonymous visitor';
  const was = payload.previousScore === undefined ? '' : ` (was ${payload.previousScore}/10)`;
  const head = `${LABEL[payload.type]}: ${payload.score}/10${was} (${payload.category}) from ${who} — ${escapeMarkup(payload.site)}, survey ${payload.surveyId}`;
  const details = [
    payload.emotion === null ? '' : ` [${payload.emotion}]`,
    payload.comment === null ? '' : ` “${escapeMarkup(payload.comment)}”`,
  ].join('');
  return `${head}${details}`;
}

/** Builds the body for one notification about `row` (which must have a score). */
export function buildPayload(args: {
  type: WebhookEventType;
  eventId: string;
  siteName: string;
  receivedAt: number;
  row: ResponseRow & { score: number };
  previousScore?: number;
}): WebhookPayload {
  const { row } = args;
  const body: Omit<WebhookPayload, 'text'> = {
    type: args.type,
    eventId: args.eventId,
    site: args.siteName,
    siteKey: row.siteKey,
    surveyId: row.surveyId,
    surveyKind: row.surveyKind,
    responseId: row.responseId,
    score: row.score,
    category: classify(row.score),
    emotion: row.emotion,
    comment: row.comment,
    respondent: { customerId: row.customerId },
    context: contextJson(row),
    answeredAt: iso(row.answeredAt),
    receivedAt: new Date(args.receivedAt).toISOString(),
    links: { responses: `/v1/responses?response=${encodeURIComponent(row.responseId)}` },
    ...(args.previousScore !== undefined ? { previousScore: args.previousScore } : {}),
    verified: row.verified,
  };
  // `text` first so a human reading the raw JSON sees the summary at the top.
  const { type, eventId, ...rest } = body;
  return { type, eventId, text: summary(body), ...rest };
}
