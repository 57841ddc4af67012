import { describe, expect, it } from 'vitest';
import { rankRanges } from './rank.js';

const row = (nps: number, low: number, high: number, lowSample = false) => ({
  nps,
  ci95: [low, high] as const,
  lowSample,
});

describe('rankRanges', () => {
  it('gives overlapping rows a shared range and a clearly separate row its own place', () => {
    expect(rankRanges([row(50, 40, 60), row(45, 35, 55), row(0, -10, 10)])).toEqual([
      { best: 1, worst: 2 },
      { best: 1, worst: 2 },
      { best: 3, worst: 3 },
    ]);
  });

  it('never ranks a low-n row, and low-n rows do not push others down', () => {
    expect(rankRanges([row(90, 60, 100, true), row(20, 10, 30), row(-20, -30, -10)])).toEqual([
      null,
      { best: 1, worst: 1 },
      { best: 2, worst: 2 },
    ]);
  });

  it('does not rank a row without an interval', () => {
    expect(rankRanges([{ nps: null, ci95: null, lowSample: false }])).toEqual([null]);
  });

  it('is exact when no intervals overlap', () => {
    expect(rankRanges([row(-50, -60, -40), row(50, 40, 60), row(0, -10, 10)])).toEqual([
      { best: 3, worst: 3 },
      { best: 1, worst: 1 },
      { best: 2, worst: 2 },
    ]);
  });
});
