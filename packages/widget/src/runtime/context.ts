import type { EventContext } from '@npskit/core/schema';
import { MAX_CONTEXT_STRING, MAX_CUSTOM_KEYS } from '../delivery/limits.js';

/**
 * The context keys with a fixed meaning, typed, so `orderValue: 'a lot'` is a compile error rather
 * than a value the widget has to drop. `null` removes a key set earlier with `context()`.
 */
export interface StandardContext {
  /** Where in the journey: `checkout`, `delivery`, `support`… */
  touchpoint?: string | null;
  /** The store or team, e.g. `stockholm-city`. */
  unit?: string | null;
  employee?: string | null;
  orderId?: string | number | null;
  /** Non-negative, in `currency`. */
  orderValue?: number | null;
  /** ISO 4217, e.g. `SEK`. */
  currency?: string | null;
  /**
   * A token your server signed with the site secret (`v1.<payload>.<signature>`): the order's facts.
   * Not context: the widget takes it out and sends it as it is with the answer (see the README).
   */
  signed?: string | null;
}

/** Context a host page passes in: the standard keys plus custom string/number keys. */
export type ContextInput = StandardContext & {
  [key: string]: string | number | null | undefined;
};

const STRING_KEYS = ['touchpoint', 'unit', 'employee', 'orderId', 'locale', 'page'];
const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * Cleans host-supplied context so the collector can't reject the event it rides on (a rejected
 * event is a lost answer): wrong types and bad keys are dropped, long strings cut, numbers in
 * string fields stringified, at most 20 custom keys kept.
 */
export function cleanContext(input: Record<string, unknown>): EventContext {
  const out: Record<string, string | number> = {};
  let custom = 0;
  for (const [key, value] of Object.entries(input)) {
    const text =
      typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
        ? String(value).slice(0, key === 'page' ? 2000 : MAX_CONTEXT_STRING)
        : undefined;
    if (text === undefined) continue;
    if (STRING_KEYS.includes(key)) out[key] = text;
    else if (key === 'orderValue') {
      if (typeof value === 'number' && value >= 0) out[key] = value;
    } else if (key === 'currency') {
      if (/^[A-Z]{3}$/.test(text)) out[key] = text;
    } else if (CUSTOM_KEY.test(key) && custom < MAX_CUSTOM_KEYS) {
      custom++;
      out[key] = typeof value === 'number' ? value : text;
    }
  }
  return out as EventContext;
}
