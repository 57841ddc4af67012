import type { PeriodGrain } from '@npskit/core/period';
import type { Dimension, ResponseFilter } from '../types.js';
import { CELLS, ROLLUP_FAMILIES, type RollupColumn, type RollupFamily } from './families.js';

/** A key column of `nps_rollup` that a grouping can read directly. */
export type KeyColumn = 'survey_id' | 'survey_kind' | 'site_key' | 'channel' | RollupColumn;

/** A question the rollup can answer: what to read, group, split and pick. */
export interface RollupQuery {
  family: RollupFamily;
  /** Dimensions grouped by a key column, with their slot in the result's keys. */
  columns: Array<{ slot: number; column: KeyColumn }>;
  /** Slots of the dimensions answered by splitting cells (-1: not asked). */
  categorySlot: number;
  verifiedSlot: number;
  period?: { slot: number; grain: PeriodGrain; timeZone: string };
  buckets?: { slot: number; boundaries: readonly number[] };
  /** How many dimensions were asked (the length of each result row's keys). */
  width: number;
  /** The filter as asked (the adapters render its key-column parts). */
  filter: ResponseFilter;
  /**
   * The filter for raw slices: without what cells answer (category, answered, verified) and without
   * from/to (slices are cut to the plan's instants — some lie outside the range on purpose, to be
   * subtracted from a day the rollup counted whole).
   */
  rawFilter: ResponseFilter;
  /** Which of the eight cells the filter keeps (category, answered, verified). */
  cells: readonly boolean[];
}

const CONTEXT_KEYS: ReadonlyMap<string, RollupColumn> = new Map([
  ['touchpoint', 'touchpoint'],
  ['unit', 'unit'],
  ['employee', 'employee'],
]);

/** The filter fields the rollup answers; anything else set means a scan. */
const ANSWERABLE = new Set<string>([
  'surveyId',
  'surveyKind',
  'from',
  'to',
  'touchpoint',
  'unit',
  'employee',
  'emotion',
  'channel',
  'category',
  'answered',
  'verified',
  'within',
]);

/**
 * Which family and columns answer a question, or undefined when the rollup cannot: a filter on a
 * response id, a comment (`hasComment`, `commentContains`), or a grouping by a custom context key, an
 * order id, currency, locale, page or order-value band — or a set of columns no family keeps (an
 * employee by emotion, a touchpoint by employee). Those are counted from `responses` as before.
 *
 * @example rollupQueryOf({ unit: 'malmo' }, [{ kind: 'context', key: 'employee' }])?.family.id // 1
 */
export function rollupQueryOf(
  filter: ResponseFilter,
  dimensions: readonly Dimension[],
): RollupQuery | undefined {
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && !ANSWERABLE.has(key)) return undefined;
  }
  const needed = new Set<RollupColumn>();
  if (filter.touchpoint !== undefined) needed.add('touchpoint');
  if (filter.unit !== undefined || filter.within?.units !== undefined) needed.add('unit');
  if (filter.employee !== undefined) needed.add('employee');
  if (filter.emotion !== undefined) needed.add('emotion');
  const columns: RollupQuery['columns'] = [];
  let categorySlot = -1;
  let verifiedSlot = -1;
  let period: RollupQuery['period'];
  let buckets: RollupQuery['buckets'];
  for (const [slot, dimension] of dimensions.entries()) {
    switch (dimension.kind) {
      case 'survey':
        columns.push({ slot, column: 'survey_id' });
        break;
      case 'surveyKind':
        columns.push({ slot, column: 'survey_kind' });
        break;
      case 'site':
        columns.push({ slot, column: 'site_key' });
        break;
      case 'channel':
        columns.push({ slot, column: 'channel' });
        break;
      case 'emotion':
        columns.push({ slot, column: 'emotion' });
        needed.add('emotion');
        break;
      case 'context': {
        const column = CONTEXT_KEYS.get(dimension.key);
        if (!column) return undefined;
        columns.push({ slot, column });
        needed.add(column);
        break;
      }
      case 'category':
        if (categorySlot >= 0) return undefined;
        categorySlot = slot;
        break;
      case 'verified':
        if (verifiedSlot >= 0) return undefined;
        verifiedSlot = slot;
        break;
      case 'period':
        if (period) return undefined;
        period = { slot, grain: dimension.grain, timeZone: dimension.timeZone };
        break;
      case 'timeBucket':
        if (buckets) return undefined;
        buckets = { slot, boundaries: [...dimension.boundaries].sort((a, b) => a - b) };
        break;
      default:
        return undefined;
    }
  }
  const family = ROLLUP_FAMILIES.find((candidate) =>
    [...needed].every((column) => candidate.columns.includes(column)),
  );
  if (!family) return undefined;
  const { category, answered, verified, from: _from, to: _to, ...rawFilter } = filter;
  const cells = CELLS.map((cell) => {
    const kind = cell.slice(0, 2);
    const signed = cell.endsWith('1');
    if (verified !== undefined && verified !== signed) return false;
    if (answered === true && kind === 'na') return false;
    if (answered === false && kind !== 'na') return false;
    if (category !== undefined && kind !== CATEGORY_CELL[category]) return false;
    return true;
  });
  return {
    family,
    columns,
    categorySlot,
    verifiedSlot,
    ...(period ? { period } : {}),
    ...(buckets ? { buckets } : {}),
    width: dimensions.length,
    filter,
    rawFilter,
    cells,
  };
}

const CATEGORY_CELL = { promoter: 'pr', passive: 'pa', detractor: 'de' } as const;
