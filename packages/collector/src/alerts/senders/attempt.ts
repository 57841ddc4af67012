/** The outcome of one delivery attempt, before it is turned into a settlement. */
export type Attempt =
  | { ok: true }
  | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number | undefined };
