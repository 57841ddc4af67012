import { LIMITS } from '@npskit/core/schema';
import type { HostedAction, Trigger } from '../invitations/record.js';

/** The actions the page script may send (JSON). */
const ACTIONS = new Set(['seen', 'answer', 'followup', 'dismiss', 'done']);
const TRIGGERS = new Set<Trigger>(['interaction', 'timer']);

/** An emotion key's shape (the survey's options are checked when it is recorded). */
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A whole score 0–10 as the page (number) or the form or a link (string) sends it, or undefined. */
export function parseScore(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 10
    ? number
    : undefined;
}

const emotionOf = (value: unknown) =>
  typeof value === 'string' && SLUG.test(value) ? value : undefined;

const commentOf = (value: unknown) =>
  typeof value === 'string' && value.length <= LIMITS.maxCommentLength ? value : undefined;

/**
 * A JSON body from the page script: `{ action, score?, trigger?, emotion?, comment? }`. Undefined
 * for anything else (the route answers 400 without echoing it). Unknown keys are refused.
 */
export function parseJsonAction(body: unknown): HostedAction | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const allowed = new Set(['action', 'score', 'trigger', 'emotion', 'comment']);
  if (Object.keys(record).some((key) => !allowed.has(key))) return undefined;
  const { action } = record;
  if (typeof action !== 'string' || !ACTIONS.has(action)) return undefined;
  const trigger = TRIGGERS.has(record.trigger as Trigger) ? (record.trigger as Trigger) : undefined;
  switch (action) {
    case 'seen':
      return trigger ? { action, trigger } : undefined;
    case 'answer': {
      const score = typeof record.score === 'number' ? parseScore(record.score) : undefined;
      return trigger && score !== undefined ? { action, score, trigger } : undefined;
    }
    case 'followup': {
      const emotion = record.emotion === undefined ? undefined : emotionOf(record.emotion);
      const comment = record.comment === undefined ? undefined : commentOf(record.comment);
      if (record.emotion !== undefined && emotion === undefined) return undefined;
      if (record.comment !== undefined && comment === undefined) return undefined;
      return {
        action,
        ...(emotion !== undefined ? { emotion } : {}),
        ...(comment !== undefined ? { comment } : {}),
      };
    }
    case 'dismiss':
    case 'done':
      return { action };
    default:
      return undefined;
  }
}

/** What the page's form (no JavaScript) posts: a score, and optionally an emotion and a comment. */
export interface FormAnswer {
  score: number;
  emotion?: string;
  comment?: string;
}

/** The form body (`application/x-www-form-urlencoded`), or undefined without a valid score. */
export function parseFormAnswer(text: string): FormAnswer | undefined {
  const params = new URLSearchParams(text);
  const score = parseScore(params.get('score') ?? undefined);
  if (score === undefined) return undefined;
  const emotion = emotionOf(params.get('emotion') ?? undefined);
  const comment = commentOf(params.get('comment') ?? undefined);
  return {
    score,
    ...(emotion !== undefined ? { emotion } : {}),
    ...(comment?.trim() ? { comment } : {}),
  };
}
