/**
 * The rollup's shape, shared by both adapters (SQLite writes it in row triggers, PostgreSQL in
 * statement triggers through a delta log): one table `nps_rollup` of counts per
 *
 *   family × grain × day × site × survey × survey kind × channel × the family's columns
 *
 * where a *family* is a grouping set (which optional columns it keeps), the *grain* is a day or a
 * month in the rollup's time zone (`day` is the local day number, for months the first day of the
 * month), and the counts are eight *cells*: verified or not × unanswered / promoter / passive /
 * detractor. Category, "answered" and "verified" are therefore never part of the key: filters and
 * groupings by them pick or split cells.
 *
 * A column outside its family, and a NULL value, are stored as `''` with the column's bit set in
 * `nulls` (an empty string is a real value, so the bit is what tells them apart): every key column is
 * NOT NULL, which lets both adapters keep one row per key with an ordinary primary key.
 */

/** The optional (nullable) key columns, in bit order of `nulls`. */
export const ROLLUP_COLUMNS = ['touchpoint', 'unit', 'employee', 'emotion'] as const;

/** One optional key column of the rollup (a `responses` column of the same name). */
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];

/** The `nulls` bit of a column: set when the stored value stands for NULL (or "not kept"). */
export function nullBit(column: RollupColumn): number {
  return 1 << ROLLUP_COLUMNS.indexOf(column);
}

/** A grouping set: the optional columns one family of rows keeps (the others are always NULL). */
export interface RollupFamily {
  id: number;
  columns: readonly RollupColumn[];
}

/**
 * The families, in the order the planner tries them (the first that has every column a question
 * needs answers it). The store is in every family, so a store manager's scope and "by store" are
 * answered by each; employees belong to stores and emotions are few, so those families stay close to
 * "days × stores × employees (or emotions)" rows.
 */
export const ROLLUP_FAMILIES: readonly RollupFamily[] = [
  { id: 0, columns: ['touchpoint', 'unit'] },
  { id: 1, columns: ['unit', 'employee'] },
  { id: 2, columns: ['unit', 'emotion'] },
];

/** Row grains: a local day, or a local calendar month (keyed by its first day). */
export const GRAIN = { day: 0, month: 1 } as const;

/**
 * The count columns: `<category><verified>` with category `na` (displayed, not answered), `pr`
 * (promoter), `pa` (passive), `de` (detractor) and verified `0` / `1`.
 */
export const CELLS = ['na0', 'pr0', 'pa0', 'de0', 'na1', 'pr1', 'pa1', 'de1'] as const;

/** The primary key of `nps_rollup`, in order (family, grain and day lead: the planner reads ranges). */
export const ROLLUP_KEY = [
  'family',
  'grain',
  'day',
  'site_key',
  'survey_id',
  'survey_kind',
  'channel',
  ...ROLLUP_COLUMNS,
  'nulls',
] as const;
