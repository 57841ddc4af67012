import { civilFromDay, dayFromCivil } from '@npskit/core/period';
import type { DayMap } from './calendar.js';
import { GRAIN } from './families.js';

/**
 * Rollup rows to read: `grain` rows whose `day` is in `[firstDay, lastDay]` count for `piece`
 * (month rows are keyed by the first day of their month).
 */
export type RollupRange = [grain: number, firstDay: number, lastDay: number, piece: number];

/** Responses to count row by row: those with `start ≤ at < end`, added to each piece with its sign. */
export interface RawSlice {
  start: number;
  end: number;
  add: Array<[piece: number, sign: 1 | -1]>;
}

/** How one question's time range is counted: rollup ranges plus a few raw slices. */
export interface TimePlan {
  /** The instants where a time key changes (period and bucket boundaries), as pieces `[start, end)`. */
  pieces: Array<{ start: number; end: number }>;
  ranges: RollupRange[];
  slices: RawSlice[];
}

/** What to plan: the counted range, the cuts inside it (sorted, strictly inside), the rollup's days. */
export interface TimeInput {
  lo: number;
  hi: number;
  cuts: readonly number[];
  days: DayMap;
}

interface Sub {
  piece: number;
  start: number;
  end: number;
}

/**
 * Splits `[lo, hi)` at the cuts into pieces and says how to count each from the rollup: a local day
 * of the rollup's zone that lies inside one piece is read from the rollup (whole months of such days
 * from month rows); a day that a cut (a period boundary of another zone, a sampling-rate change, a
 * `from`/`to` that is not a midnight) splits is read from the rollup for its longest part, and the
 * other parts are counted row by row and moved — or, when the part inside the range is the smaller
 * one, only that part is counted row by row. So the rows counted one by one are at most half a day
 * per cut, and every other answer comes from rows that sum a day or a month.
 *
 * @example a UTC month on a Stockholm rollup: the month rows, minus the hour before midnight UTC
 * that belongs to the previous month, plus the same hour at its end.
 */
export function planTime({ lo, hi, cuts, days }: TimeInput): TimePlan {
  const bounds = [lo, ...cuts, hi];
  const pieces = bounds.slice(0, -1).map((start, index) => ({
    start,
    end: bounds[index + 1] as number,
  }));
  const owner = new Map<number, number>();
  const slices: RawSlice[] = [];
  const first = days.dayOf(lo);
  const last = days.dayOf(hi - 1);
  let cursor = 0;
  for (let day = first; day <= last; day += 1) {
    const r0 = days.dayStart(day);
    const r1 = days.dayStart(day + 1);
    if (r1 <= r0) continue;
    while (cursor < pieces.length && (pieces[cursor] as { end: number }).end <= r0) cursor += 1;
    const subs: Sub[] = [];
    if (r0 < lo) subs.push({ piece: -1, start: r0, end: lo });
    for (let index = cursor; index < pieces.length; index += 1) {
      const piece = pieces[index] as { start: number; end: number };
      if (piece.start >= r1) break;
      subs.push({ piece: index, start: Math.max(r0, piece.start), end: Math.min(r1, piece.end) });
    }
    if (r1 > hi) subs.push({ piece: -1, start: hi, end: r1 });
    const inside = subs.filter((sub) => sub.piece >= 0);
    if (inside.length === 0) continue;
    if (subs.length === 1) {
      owner.set(day, (subs[0] as Sub).piece);
      continue;
    }
    const longest = inside.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    const ownedRaw = r1 - r0 - (longest.end - longest.start);
    const insideRaw = inside.reduce((total, sub) => total + sub.end - sub.start, 0);
    if (ownedRaw < insideRaw) {
      owner.set(day, longest.piece);
      for (const sub of subs) {
        if (sub === longest) continue;
        const add: RawSlice['add'] = [[longest.piece, -1]];
        if (sub.piece >= 0) add.unshift([sub.piece, 1]);
        slices.push({ start: sub.start, end: sub.end, add });
      }
    } else {
      for (const sub of inside)
        slices.push({ start: sub.start, end: sub.end, add: [[sub.piece, 1]] });
    }
  }
  return { pieces, ranges: rangesOf(owner), slices };
}

/** The first day of the month after the one holding `day` (days are local day numbers). */
function nextMonth(day: number): number {
  const { year, month } = civilFromDay(day);
  return month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
}

/** Runs of days with one owner, as day ranges and — for every whole month inside a run — months. */
function rangesOf(owner: ReadonlyMap<number, number>): RollupRange[] {
  const ranges: RollupRange[] = [];
  const ordered = [...owner].sort((a, b) => a[0] - b[0]);
  let index = 0;
  while (index < ordered.length) {
    const [start, piece] = ordered[index] as [number, number];
    let end = start;
    while (index + 1 < ordered.length) {
      const [day, next] = ordered[index + 1] as [number, number];
      if (day !== end + 1 || next !== piece) break;
      end = day;
      index += 1;
    }
    index += 1;
    // Whole months in [start, end]: from the first 1st at or after start.
    const firstOfMonth = civilFromDay(start).day === 1 ? start : nextMonth(start);
    let monthEnd = firstOfMonth;
    let lastMonth = -1;
    while (nextMonth(monthEnd) - 1 <= end) {
      lastMonth = monthEnd;
      monthEnd = nextMonth(monthEnd);
    }
    if (lastMonth < 0) {
      ranges.push([GRAIN.day, start, end, piece]);
      continue;
    }
    if (firstOfMonth > start) ranges.push([GRAIN.day, start, firstOfMonth - 1, piece]);
    ranges.push([GRAIN.month, firstOfMonth, lastMonth, piece]);
    if (monthEnd <= end) ranges.push([GRAIN.day, monthEnd, end, piece]);
  }
  return ranges;
}
