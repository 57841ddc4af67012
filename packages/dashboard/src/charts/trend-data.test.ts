import { describe, expect, it } from 'vitest';
import type { NpsGroup } from '../api/nps.js';
import { periodStart } from '../format/period-key.js';
import { overallChange, trendPoints } from './trend-data.js';

const group = (week: string, promoters: number, passives: number, detractors: number): NpsGroup => {
  const n = promoters + passives + detractors;
  return {
    keys: [week],
    promoters,
    passives,
    detractors,
    n,
    nps: ((promoters - detractors) / n) * 100,
    ci95: [0, 0],
    lowSample: n < 30,
    displays: n,
    responseRate: 1,
  };
};

describe('trend points', () => {
  it('orders periods, and marks a big drop as real and a wobble as noise', () => {
    const points = trendPoints([
      group('2026-W12', 20, 20, 60),
      group('2026-W10', 60, 20, 20),
      group('2026-W11', 58, 22, 20),
    ]);
    expect(points.map((point) => point.key)).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(points[0]?.change).toBeUndefined();
    expect(points[1]?.change?.significant).toBe(false);
    expect(points[2]?.change?.significant).toBe(true);
    expect(points[2]?.change?.difference).toBeLessThan(0);
    expect(overallChange(points)?.significant).toBe(true);
  });

  it('reads ISO weeks, months and days as local period starts', () => {
    expect(periodStart('2026-W01')).toEqual(new Date(2025, 11, 29));
    expect(periodStart('2026-W13')).toEqual(new Date(2026, 2, 23));
    expect(periodStart('2026-03')).toEqual(new Date(2026, 2, 1));
    expect(periodStart('2026-03-05')).toEqual(new Date(2026, 2, 5));
    expect(periodStart('2026-Q2')).toEqual(new Date(2026, 3, 1));
    expect(periodStart('soon')).toBeUndefined();
  });
});
