import { createHash } from 'node:crypto';
import type { ResponseRow } from '../types.js';

const MASK = (1n << 64n) - 1n;

/**
 * An order-independent checksum over a set of records: the sum (mod 2^64) of the first 8 bytes of
 * each record's SHA-256. Both databases can be read in whatever order suits their indexes.
 */
export interface SetChecksum {
  add(record: string): void;
  /** Records added. */
  readonly count: number;
  /** 16 hex digits. */
  digest(): string;
}

/** A fresh checksum. */
export function setChecksum(): SetChecksum {
  let sum = 0n;
  let count = 0;
  return {
    add(record) {
      sum = (sum + createHash('sha256').update(record).digest().readBigUInt64BE(0)) & MASK;
      count += 1;
    },
    get count() {
      return count;
    },
    digest: () => sum.toString(16).padStart(16, '0'),
  };
}

// Postgres stores U+0000 as U+FFFD (see store/postgres/pg-text.ts); both sides are compared so.
const text = (value: string | null): string | null =>
  value === null ? null : value.replaceAll('\u0000', '\uFFFD');

/**
 * A response as one canonical string: every field the analyst API shows, in a fixed order, custom
 * keys sorted (Postgres' jsonb reorders them), without the adapter-specific cursor.
 */
export function canonicalResponse(row: ResponseRow): string {
  const custom = Object.keys(row.custom)
    .sort()
    .map((key) => {
      const value = row.custom[key] as string | number;
      return [key, typeof value === 'string' ? text(value) : value];
    });
  const c = row.context;
  return JSON.stringify([
    row.responseId,
    row.siteKey,
    row.surveyId,
    row.surveyKind,
    row.score,
    row.category,
    text(row.emotion),
    text(row.comment),
    text(row.customerId),
    row.anonymousId,
    row.at,
    row.displayedAt,
    row.answeredAt,
    row.dismissedAt,
    row.receivedAt,
    [c.touchpoint, c.unit, c.employee, c.orderId, c.currency, c.locale, c.page].map(text),
    c.orderValue,
    custom,
    row.channel,
  ]);
}
