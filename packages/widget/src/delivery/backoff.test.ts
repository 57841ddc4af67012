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
  it('reads delay-seconds', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('0')).toBe(0);
  });

  it('ignores garbage, HTTP dates (the collector never sends them), negatives and missing headers', () => {
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT')).toBeUndefined();
    expect(retryAfterMs('-5')).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('clamps absurd waits to an hour', () => {
    expect(retryAfterMs('86400')).toBe(3_600_000);
  });
});

describe('retryDelay', () => {
  it('honours Retry-After when it is longer than the backoff', () => {
    expect(retryDelay(0, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelay(6, () => 0.9, 1_000)).toBe(Math.floor(0.9 * 64_000));
  });
});
