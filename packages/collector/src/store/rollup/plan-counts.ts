import { civilFromDay, dayFromCivil, localDay, periodOfLocalDay } from '@npskit/core/period';
import type { NpsCountRow } from '../types.js';
import type { DayMap } from './calendar.js';
import type { RollupQuery } from './rollup-query.js';
import { planTime, type TimePlan } from './time-plan.js';

/** A counted question: its time plan and the time keys of each piece. */
export interface CountPlan extends TimePlan {
  /** Per piece: its period key and bucket index (undefined when not asked). */
  keys: Array<{ period?: string; bucket?: string }>;
}

/** Rows the adapter read: per piece (rollup ranges) or per slice (raw rows), grouped keys and cells. */
export interface CountedRow {
  /** The piece (for rollup rows) or the slice (for raw rows). */
  at: number;
  /** One value per `query.columns` entry, in that order. */
  keys: Array<string | null>;
  /** The eight cells, in `CELLS` order. */
  cells: number[];
}

/** The first day of the month holding local day `day`. */
function monthStart(day: number): number {
  const { year, month } = civilFromDay(day);
  return dayFromCivil(year, month, 1);
}

/** The first day of the month after the one holding local day `day`. */
function monthAfter(day: number): number {
  const { year, month } = civilFromDay(day);
  return month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
}

/** More local days than this in one question (270 years) is not a summary: it is counted by a scan. */
const MAX_DAYS = 100_000;

/**
 * The instants inside `(lo, hi)` where a time key of the question changes: the boundaries of its
 * period in its own time zone, and the sampling-rate boundaries.
 */
function cutsOf(query: RollupQuery, lo: number, hi: number): number[] {
  const cuts = new Set<number>();
  if (query.period) {
    const { grain, timeZone } = query.period;
    let period = periodOfLocalDay(localDay(lo, timeZone), grain, timeZone);
    while (period.end < hi) {
      if (period.end > lo) cuts.add(period.end);
      period = periodOfLocalDay(localDay(period.end, timeZone), grain, timeZone);
    }
  }
  for (const boundary of query.buckets?.boundaries ?? []) {
    if (boundary > lo && boundary < hi) cuts.add(boundary);
  }
  return [...cuts].sort((a, b) => a - b);
}

/**
 * Plans the count of a question over the rollup rows of local days `span` (the first and last day the
 * family has rows for): undefined when the range holds no day, `'scan'` when it spans more days than a
 * summary should walk.
 */
export function planCounts(
  query: RollupQuery,
  days: DayMap,
  span: readonly [number, number] | undefined,
): CountPlan | undefined | 'scan' {
  if (!span) return undefined;
  // Without a bound inside the data, the range widens to whole months around it (nothing is stored
  // outside `span`): "all time" then reads month rows from the first month on, not the first
  // month's days one by one.
  const { from, to } = query.filter;
  const lo =
    from !== undefined && from > days.dayStart(span[0])
      ? from
      : Math.max(from ?? Number.NEGATIVE_INFINITY, days.dayStart(monthStart(span[0])));
  const hi =
    to !== undefined && to < days.dayStart(span[1] + 1)
      ? to
      : Math.min(to ?? Number.POSITIVE_INFINITY, days.dayStart(monthAfter(span[1])));
  if (!(lo < hi)) return undefined;
  if (days.dayOf(hi - 1) - days.dayOf(lo) > MAX_DAYS) return 'scan';
  const plan = planTime({ lo, hi, cuts: cutsOf(query, lo, hi), days });
  const keys = plan.pieces.map(({ start }) => {
    const out: { period?: string; bucket?: string } = {};
    if (query.period) {
      const { grain, timeZone } = query.period;
      out.period = periodOfLocalDay(localDay(start, timeZone), grain, timeZone).key;
    }
    if (query.buckets) {
      out.bucket = String(query.buckets.boundaries.filter((boundary) => boundary <= start).length);
    }
    return out;
  });
  return { ...plan, keys };
}

const CATEGORY_KEYS = [null, 'promoter', 'passive', 'detractor'] as const;

/** How group keys are ordered: each adapter sorts as its scan does (null first). */
export type KeyCompare = (a: string, b: string) => number;

/** JavaScript's `<` on UTF-16 code units (the SQLite adapter's order). */
export const codeUnitOrder: KeyCompare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Adds up what the adapter read (rollup rows per piece, raw rows per slice moved to their pieces
 * with their signs), then turns cells into counts: the filter's category / answered / verified pick
 * cells, the category and verified dimensions split them. Groups whose counts are all zero are
 * dropped; rows are sorted by their keys, null first — the shape of the scan's answer.
 */
export function assembleCounts(
  query: RollupQuery,
  plan: CountPlan,
  ranged: Iterable<CountedRow>,
  sliced: Iterable<CountedRow>,
  compare: KeyCompare = codeUnitOrder,
): NpsCountRow[] {
  const groups = new Map<string, { piece: number; keys: Array<string | null>; cells: number[] }>();
  const SEPARATOR = '\u0000';
  const add = (piece: number, keys: Array<string | null>, cells: number[], sign: number) => {
    const time = plan.keys[piece] ?? {};
    let id = `${time.period ?? ''}${SEPARATOR}${time.bucket ?? ''}`;
    for (const key of keys) id += SEPARATOR + (key === null ? '\u0001' : `=${key}`);
    let group = groups.get(id);
    if (!group) {
      group = { piece, keys, cells: new Array<number>(cells.length).fill(0) };
      groups.set(id, group);
    }
    for (let index = 0; index < cells.length; index += 1) {
      group.cells[index] = (group.cells[index] ?? 0) + sign * (cells[index] ?? 0);
    }
  };
  for (const row of ranged) add(row.at, row.keys, row.cells, 1);
  for (const row of sliced) {
    for (const [piece, sign] of plan.slices[row.at]?.add ?? [])
      add(piece, row.keys, row.cells, sign);
  }

  const out: NpsCountRow[] = [];
  const picked = query.cells;
  const categories = query.categorySlot >= 0 ? [0, 1, 2, 3] : [-1];
  const verifieds = query.verifiedSlot >= 0 ? [0, 1] : [-1];
  for (const group of groups.values()) {
    const time = plan.keys[group.piece] ?? {};
    for (const category of categories) {
      for (const verified of verifieds) {
        const cell = (index: number) => {
          const kind = index % 4;
          const signed = index >= 4 ? 1 : 0;
          if (!picked[index]) return 0;
          if (category >= 0 && kind !== category) return 0;
          if (verified >= 0 && signed !== verified) return 0;
          return group.cells[index] ?? 0;
        };
        const promoters = cell(1) + cell(5);
        const passives = cell(2) + cell(6);
        const detractors = cell(3) + cell(7);
        const displays = promoters + passives + detractors + cell(0) + cell(4);
        if (displays === 0) continue;
        const keys = new Array<string | null>(query.width).fill(null);
        query.columns.forEach(({ slot }, index) => {
          keys[slot] = group.keys[index] ?? null;
        });
        if (query.categorySlot >= 0) keys[query.categorySlot] = CATEGORY_KEYS[category] ?? null;
        if (query.verifiedSlot >= 0) keys[query.verifiedSlot] = verified === 1 ? 'true' : 'false';
        if (query.period) keys[query.period.slot] = time.period ?? null;
        if (query.buckets) keys[query.buckets.slot] = time.bucket ?? null;
        out.push({
          keys,
          promoters,
          passives,
          detractors,
          displays,
          verified: cell(5) + cell(6) + cell(7),
        });
      }
    }
  }
  const order = (a: Array<string | null>, b: Array<string | null>) => {
    for (let index = 0; index < a.length; index += 1) {
      const x = a[index] ?? null;
      const y = b[index] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return compare(x, y);
    }
    return 0;
  };
  return out.sort((a, b) => order(a.keys, b.keys));
}
