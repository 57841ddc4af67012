import { compareNps } from '@npskit/core/score';
import type { NpsGroup, NpsRow } from '../api/nps.js';
import { periodStart } from '../format/period-key.js';
import { type Change, changeFromCore } from '../stats/change.js';

/** One point of a trend: a period with its NPS, interval and the change from the point before. */
export interface TrendPoint {
  key: string;
  start: Date;
  row: NpsRow;
  /** Against the previous point; undefined for the first. */
  change?: Change;
}

/**
 * Trend points from period groups (the last key of each group is the period), oldest first, each
 * compared with the one before using core's `compareNps` on the API's counts.
 */
export function trendPoints(groups: readonly NpsGroup[]): TrendPoint[] {
  const points = groups
    .map((group) => {
      const key = group.keys[group.keys.length - 1] ?? null;
      const start = group.period
        ? new Date(group.period.start)
        : key === null
          ? undefined
          : periodStart(key);
      return key !== null && start ? { key, start, row: group as NpsRow } : undefined;
    })
    .filter((point): point is TrendPoint => point !== undefined)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1];
    const point = points[index];
    if (previous && point) point.change = changeFromCore(compareNps(previous.row, point.row));
  }
  return points;
}

/** First against last point: did the period as a whole move beyond the noise? */
export function overallChange(points: readonly TrendPoint[]): Change | undefined {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || first === last) return undefined;
  return changeFromCore(compareNps(first.row, last.row));
}
