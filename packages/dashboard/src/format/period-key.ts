import { locale } from '../i18n/i18n.js';

/**
 * The start of a period from its API key: `YYYY-MM-DD` (a day, or the Monday of a week),
 * `YYYY-Www` (an ISO week), `YYYY-MM` (a month), `YYYY-Qn` (a quarter), `YYYY` (a year). Local time.
 */
export function periodStart(key: string): Date | undefined {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (match) {
    // ISO week 1 holds 4 January; its Monday is the start.
    const jan4 = new Date(Number(match[1]), 0, 4);
    const monday = new Date(jan4);
    monday.setDate(jan4.getDate() - ((jan4.getDay() + 6) % 7) + (Number(match[2]) - 1) * 7);
    return monday;
  }
  match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) return new Date(Number(match[1]), Number(match[2]) - 1, 1);
  match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (match) return new Date(Number(match[1]), (Number(match[2]) - 1) * 3, 1);
  match = /^(\d{4})$/.exec(key);
  if (match) return new Date(Number(match[1]), 0, 1);
  return undefined;
}

/** A short label for a period: "24 Mar" for days and weeks, "Mar 2026" for months. */
export function periodLabel(key: string, grain: 'day' | 'week' | 'month'): string {
  const start = periodStart(key);
  if (!start) return key;
  const tag = locale() === 'sv' ? 'sv-SE' : 'en-GB';
  if (grain === 'month') {
    return new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric' }).format(start);
  }
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }).format(start);
}
