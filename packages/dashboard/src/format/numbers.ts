import { locale } from '../i18n/i18n.js';

const tag = () => (locale() === 'sv' ? 'sv-SE' : 'en-GB');

/** An NPS (or NPS difference) with one decimal, with a real minus sign; `–` for none. */
export function formatNps(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(tag(), {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(value);
}

/** A share 0–1 as a percentage with one decimal; `–` for none. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(tag(), {
    style: 'percent',
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(value);
}

/** A whole count with the locale's grouping. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(tag()).format(value);
}

/** Money in its own currency (never converted). */
export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(tag(), {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(value);
  } catch {
    return `${formatCount(Math.round(value))} ${currency}`;
  }
}

/** A date (no time) in the locale's format. */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium' }).format(date);
}

/** A date and time, short. */
export function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A time of day with seconds (for "updated at"). */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(tag(), { timeStyle: 'medium' }).format(date);
}

/** A number with at most one decimal (hours, days). */
export function formatOneDecimal(value: number): string {
  return new Intl.NumberFormat(tag(), { maximumFractionDigits: 1 }).format(value);
}
