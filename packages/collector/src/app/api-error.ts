import type { ValidationIssue } from '@npskit/core/schema';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes of the API (documented in the README). */
export type ErrorCode =
  | 'invalid_json'
  | 'incomplete_body'
  | 'validation_failed'
  | 'id_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unknown_site'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'storage_unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_revocable'
  | 'out_of_scope'
  | 'not_found'
  | 'invalid_query'
  | 'invalid_transition'
  | 'internal_error'
  // Trust (issue 8): refused signed contexts, closed surveys, rewrites and repeats.
  | 'signed_malformed'
  | 'signed_invalid_signature'
  | 'signed_expired'
  | 'signed_lifetime_too_long'
  | 'signed_conflict'
  | 'signing_not_configured'
  | 'signature_required'
  | 'survey_closed'
  | 'response_conflict'
  | 'order_already_answered'
  // Invitations (issue 14): the hosted survey page's answers.
  | 'invitation_not_found'
  | 'invitation_expired'
  | 'invitation_used'
  | 'not_answered';

/** Options for an `ApiError`. */
export interface ApiErrorOptions {
  issues?: ValidationIssue[];
  headers?: Record<string, string>;
  /** Extra body fields (e.g. `rejected` on a 409). */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error that becomes a `{ error, message, issues? }` response in one place (`onError`). Messages are
 * written by us and never include submitted values.
 *
 * @example throw new ApiError(401, 'unknown_site', 'unknown or disabled site key');
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(status, { message, cause: options.cause });
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }

  /** The JSON body sent to the client. */
  toBody(): Record<string, unknown> {
    return {
      error: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...this.extra,
    };
  }
}

/** Seconds a client should wait before retrying after a storage failure. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** Wraps a store call: any failure becomes 503 `storage_unavailable` with Retry-After, never a 2xx. */
export async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(503, 'storage_unavailable', 'storage is unavailable, retry later', {
      headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
      cause: error,
    });
  }
}
