/** Wire-format limits, shared by the widget (to stay within them) and the collector (to enforce them). */
export const LIMITS = {
  /** Events in one `POST /v1/events` batch. */
  maxEventsPerBatch: 100,
  /** Characters in a follow-up comment. */
  maxCommentLength: 2000,
  /** Custom (non-standard) context keys on one event. */
  maxCustomContextKeys: 20,
  /** Characters in any context string value. */
  maxContextStringLength: 200,
  /** Characters in a customer id. */
  maxCustomerIdLength: 128,
  /** Signed tokens on one event or eligibility request: the customer token and a context token. */
  maxSignedTokens: 2,
  /**
   * How long an event may wait in the browser's queue (the widget drops older ones). The collector
   * stores an event that claims to be older, or to come from the future, at its receive time and
   * flags it (`timeAdjusted`), so answers cannot be backdated.
   */
  maxEventAgeMs: 7 * 24 * 60 * 60 * 1000,
  /** Distinct custom context keys per site without an allow-list; more are dropped and counted. */
  maxCustomKeysPerSite: 50,
} as const;
