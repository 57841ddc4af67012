import { describe, expect, it } from 'vitest';
import { createIsoTime } from './iso-time.js';

describe('createIsoTime', () => {
  it('writes what toISOString writes, byte for byte, on and off the fast path', () => {
    const iso = createIsoTime();
    const samples = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.parse('2025-12-31T23:59:59.999Z'),
      Date.parse('2026-01-01T00:00:00.000Z'),
      253_402_300_799_999, // the last ms of year 9999
      253_402_300_800_000, // +010000-01-01
      -1,
      -62_198_755_200_000, // year -0001
      1.5,
    ];
    // Consecutive times in one day and across days exercise the cached day prefix.
    let t = Date.parse('2024-02-28T22:00:00Z');
    for (let i = 0; i < 5000; i += 1) {
      samples.push(t);
      t += ((i * 7919) % 3_600_000) + 1;
    }
    for (const ms of samples) expect(iso(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});
