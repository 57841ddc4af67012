/** Defaults for rules a survey or site leaves out. Documented in the README; change both together. */
export const ELIGIBILITY_DEFAULTS = {
  /** Days after an answer before the same survey may ask the same person again. */
  recontactDays: 90,
  /** Days after a dismissal: shorter than recontact, because a dismissal is not an answer. */
  dismissWaitDays: 30,
  /** Days since first seen before the first survey. 0: a first-time buyer may be asked at once. */
  minTenureDays: 0,
  /** Minimum days between any two displays of any survey (global quarantine). */
  minDaysBetweenDisplays: 14,
  /** At most this many displays of any survey per rolling window. */
  maxDisplaysPerWindow: 4,
  /** The rolling window, in days. */
  windowDays: 365,
} as const;

export const DAY_MS = 86_400_000;
