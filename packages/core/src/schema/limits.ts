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
} as const;
