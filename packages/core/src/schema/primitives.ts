import { z } from 'zod';

/** Survey ids, emotion keys and context keys: short, URL- and CSV-safe. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, "_" or "-", at most 64');

/** A BCP 47-ish locale tag such as `en`, `sv` or `sv-SE`. */
export const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale such as "sv-SE"');

/** An ISO 8601 timestamp with a time zone designator (`Z` or an offset). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A whole score on the 0–10 scale. */
export const scoreValue = z.int().min(0).max(10);

/** A web origin: scheme, host and optional port; no path, query or fragment. */
export const origin = z
  .string()
  .regex(/^https?:\/\/[^/?#\s]+$/, 'an origin such as "https://shop.example" with no path');
