/**
 * What a host's server vouches for in a signed token (`v1.<payload>.<sig>`). Every claim is optional
 * except `exp`; a token carries at least one of the others. On an event with a valid token these
 * values replace what the page sent for the same keys, and the response is `verified`.
 */
export interface SignedClaims {
  /** The site's own customer id (as in `identify`). */
  customerId?: string;
  /** Order (transaction) id: one verified answer per survey and order. */
  orderId?: string;
  /** Order value, in `currency`. */
  orderValue?: number;
  /** ISO 4217 code such as `SEK`. */
  currency?: string;
  /** Store, branch or channel the order belongs to. */
  unit?: string;
  /** The employee who served the customer. */
  employee?: string;
  /** Expiry, in whole seconds since 1970-01-01 UTC (as in a JWT). */
  exp: number;
}

/** The claim keys that are attribution facts (everything but `exp`), in canonical order. */
export const SIGNED_FACT_KEYS = [
  'customerId',
  'orderId',
  'orderValue',
  'currency',
  'unit',
  'employee',
] as const;

/** One of `SIGNED_FACT_KEYS`. */
export type SignedFactKey = (typeof SIGNED_FACT_KEYS)[number];
