import type { ValidationIssue } from '@npskit/core/schema';
import { ApiError, type ErrorCode } from '../app/api-error.js';
import type { RefusalCode } from '../store/types.js';
import type { RejectedEvent } from './parse-batch.js';

const STORE_MESSAGES: Readonly<Record<RefusalCode | 'id_conflict', string>> = {
  id_conflict: 'an event with this id was already stored with a different payload',
  response_conflict: 'this response belongs to another site or browser',
  order_already_answered: 'this order already has a verified answer for this survey',
  survey_closed: 'the survey is closed and this response was not displayed within the grace period',
};

/** A rejection the store decided (the event changed nothing). */
export function storeRejection(
  index: number,
  id: string | null,
  code: RefusalCode | 'id_conflict',
): RejectedEvent {
  const path = code === 'id_conflict' ? `events.${index}.id` : `events.${index}.responseId`;
  return { index, id, issues: [{ path, code, message: STORE_MESSAGES[code] }] };
}

// Codes that, when every rejection of a batch shares one, become the top-level error code, so a
// client sees `signed_expired` (not just `validation_failed`) without digging into `issues`.
const TOP_LEVEL = new Set<string>([
  'signed_malformed',
  'signed_invalid_signature',
  'signed_expired',
  'signed_lifetime_too_long',
  'signed_conflict',
  'signing_not_configured',
  'signature_required',
  'survey_closed',
]);
const CONFLICTS = new Set<string>(['id_conflict', 'response_conflict', 'order_already_answered']);

/**
 * The error when nothing in a batch was stored: 409 when the events that got as far as the store
 * all conflict with stored data (`id_conflict`, `response_conflict`, `order_already_answered`; the
 * code is the shared one, else `id_conflict`); otherwise 400 — with the trust code when every
 * rejection shares it (`signed_expired`, `survey_closed`, …), else `validation_failed`.
 */
export function nothingStored(
  rejected: readonly RejectedEvent[],
  fromStore: readonly RejectedEvent[],
): ApiError {
  const extra = { rejected };
  const storeIssues = fromStore.flatMap((entry) => entry.issues);
  const storeCodes = new Set(storeIssues.map((issue) => issue.code));
  if (storeIssues.length > 0 && [...storeCodes].every((code) => CONFLICTS.has(code))) {
    const [only] = storeCodes;
    const code = (storeCodes.size === 1 && only ? only : 'id_conflict') as ErrorCode;
    const message =
      code === 'id_conflict'
        ? 'every event conflicts with a stored event'
        : STORE_MESSAGES[code as RefusalCode];
    return new ApiError(409, code, message, { issues: storeIssues, extra });
  }
  const issues: ValidationIssue[] = rejected.flatMap((entry) => entry.issues);
  const codes = new Set(issues.map((issue) => issue.code));
  const [only] = codes;
  if (codes.size === 1 && only !== undefined && TOP_LEVEL.has(only)) {
    return new ApiError(400, only as ErrorCode, issues[0]?.message ?? 'refused', { issues, extra });
  }
  return new ApiError(400, 'validation_failed', 'no event in the batch is valid', {
    issues,
    extra,
  });
}
