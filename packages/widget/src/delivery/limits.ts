// The wire limits the widget must stay within. They mirror `LIMITS` in `@npskit/core/schema`, which
// the widget must not import at runtime (that module sits next to zod); a unit test checks they
// agree. Separate constants, not one object, so each bundle keeps only the ones it uses.

/** Events in one `POST /v1/events` batch. */
export const MAX_BATCH = 100;
/** Characters in a follow-up comment. */
export const MAX_COMMENT = 2000;
/** Custom context keys on one event. */
export const MAX_CUSTOM_KEYS = 20;
/** Characters in a context string value. */
export const MAX_CONTEXT_STRING = 200;
/** Characters in a customer id. */
export const MAX_CUSTOMER_ID = 128;
/** Browsers refuse keepalive/beacon bodies above 64 KiB; stay under it with a margin. */
export const KEEPALIVE_MAX_BYTES = 60_000;
