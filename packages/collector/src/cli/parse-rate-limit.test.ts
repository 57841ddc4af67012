import { describe, expect, it } from 'vitest';
import { parseRateLimit } from './parse-rate-limit.js';
import { UsageError } from './usage-error.js';

describe('NPSKIT_RATE_LIMIT', () => {
  it('reads <per minute>/<burst>, off, or nothing (the default)', () => {
    expect(parseRateLimit('60/30')).toEqual({ perMinute: 60, burst: 30 });
    expect(parseRateLimit('off')).toBe(false);
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(parseRateLimit('')).toBeUndefined();
  });

  it('refuses anything else with a usage error', () => {
    for (const value of ['120', '0/10', '10/0', 'fast', '1e3/5', '-1/5'])
      expect(() => parseRateLimit(value), value).toThrow(UsageError);
  });
});
