/** SQLSTATEs after which the same work may simply be tried again (nothing was written). */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** The SQLSTATE of a server error, if it is one. */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A deadlock or serialization failure: the transaction was rolled back and may be retried. */
export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(sqlState(error) ?? '');
}

/**
 * An error caused by the data of one request (class 22 data exception, 23 integrity violation),
 * not by the connection or the server: in a group commit, the other requests of the group are
 * innocent and are retried alone. Everything else — connection refused or reset, timeouts, admin or
 * crash shutdown (57P0x), connection exceptions (08xxx) — fails the whole group, which becomes a 503.
 */
export function isDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

const jobErrors = new WeakSet<object>();

/**
 * Marks an error as one request's own (the case policy threw over its data): in a group commit the
 * other requests are innocent and are retried alone, as after a data error. Returns the error.
 */
export function markJobError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) jobErrors.add(error);
  return error;
}

/** A data error, or an error `markJobError` marked: only its own request should fail. */
export function isJobError(error: unknown): boolean {
  return (
    isDataError(error) || (typeof error === 'object' && error !== null && jobErrors.has(error))
  );
}
