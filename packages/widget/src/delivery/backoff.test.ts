import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  retryAfterMs,
  retryDelay,
} from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially with full jitter below the ceiling', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(Math.floor(0.999 * BACKOFF_BASE_MS));
    expect(backoffDelay(3, () => 0.5)).toBe(4 * BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(40, () => 0.999_999)).toBeLessThan(BACKOFF_CAP_MS);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
  });

  it('reads an HTTP date', () => {
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  });

  it('ignores garbage and missing headers', () => {
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('clamps dates in the past to 0 and absurd waits to an hour', () => {
    expect(retryAfterMs('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(3_600_000);
  });
});

describe('retryDelay', () => {
  it('honours Retry-After when it is longer than the backoff', () => {
    expect(retryDelay(0, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelay(6, () => 0.9, 1_000)).toBe(Math.floor(0.9 * 64_000));
  });
});
