import {
  CELLS,
  nullBit,
  ROLLUP_COLUMNS,
  ROLLUP_KEY,
  type RollupColumn,
  type RollupFamily,
} from '../rollup/families.js';

// The SQL that keeps `nps_rollup` (see rollup/families.ts) in step with `responses` on SQLite:
// row triggers, in the writing statement's transaction, so every change of a response — ingest,
// a changed answer, a late event that moves `at`, a follow-up that adds the emotion, erasure, the
// retention purge, or any other statement run on the file — changes the counts with it.

/** The rollup zone's UTC offset at `instant` (a correlated lookup into `rollup_calendar`). */
const offsetAt = (instant: string) =>
  `(SELECT offset_ms FROM rollup_calendar WHERE start_at <= ${instant} ORDER BY start_at DESC LIMIT 1)`;

/** floor(local ms / 1 day), exact for negative times too (SQLite's `/` truncates toward zero). */
export const LOCAL_DAY = (local: string) =>
  `((${local}) - (((${local}) % 86400000) + 86400000) % 86400000) / 86400000`;

/** The first day of the calendar month of a local day number. */
export const MONTH_OF_DAY = (day: string) =>
  `(unixepoch((${day}) * 86400, 'unixepoch', 'start of month') / 86400)`;

const CATEGORY: Record<string, (row: string) => string> = {
  na: (row) => `${row}.score IS NULL`,
  pr: (row) => `${row}.score >= 9`,
  pa: (row) => `${row}.score BETWEEN 7 AND 8`,
  de: (row) => `${row}.score <= 6`,
};

/** 1 when a response row falls in a cell, else 0 (never NULL). */
const cellOf = (row: string, cell: string) =>
  `coalesce(${CATEGORY[cell.slice(0, 2)]?.(row)} AND ${row}.verified = ${cell.slice(2)}, 0)`;

/** The stored value of an optional column for a family: the value, or '' when NULL or not kept. */
const storedValue = (row: string, family: RollupFamily, column: RollupColumn) =>
  family.columns.includes(column) ? `coalesce(${row}.${column}, '')` : "''";

/** The `nulls` bitmask of a row for a family. */
const nullsOf = (row: string, family: RollupFamily) =>
  ROLLUP_COLUMNS.map((column) =>
    family.columns.includes(column)
      ? `(${row}.${column} IS NULL) * ${nullBit(column)}`
      : String(nullBit(column)),
  ).join(' + ');

const KEY = ROLLUP_KEY.join(', ');
const ADD = CELLS.map((cell) => `${cell} = ${cell} + excluded.${cell}`).join(', ');

/** One upsert of a row (`NEW` or `OLD`) into a family and grain, with the given cell values. */
function upsert(row: string, family: RollupFamily, grain: 0 | 1, cells: string[], where = 'true') {
  const day = grain === 0 ? LOCAL_DAY('t.l') : MONTH_OF_DAY(LOCAL_DAY('t.l'));
  return `INSERT INTO nps_rollup (${KEY}, ${CELLS.join(', ')})
    SELECT ${family.id}, ${grain}, ${day}, ${row}.site_key, ${row}.survey_id, ${row}.survey_kind,
      ${row}.channel, ${ROLLUP_COLUMNS.map((column) => storedValue(row, family, column)).join(', ')},
      ${nullsOf(row, family)}, ${cells.join(', ')}
    FROM (SELECT ${row}.at + ${offsetAt(`${row}.at`)} AS l) AS t WHERE ${where}
    ON CONFLICT (${KEY}) DO UPDATE SET ${ADD};`;
}

/**
 * One upsert of a row into several families and both grains at once: one statement per trigger
 * instead of one per family and grain (a trigger's statements are what ingest pays per response),
 * and the zone's offset looked up once. `where` (per family) keeps a family out of it.
 */
function upsertAll(
  row: string,
  families: readonly RollupFamily[],
  cells: string[],
  where: (family: RollupFamily) => string = () => 'true',
) {
  const parts = families.flatMap((family) =>
    GRAINS.map((grain) => `SELECT ${family.id} AS f, ${grain} AS g`),
  );
  const byFamily = (value: (family: RollupFamily) => string) =>
    `CASE p.f ${families.map((family) => `WHEN ${family.id} THEN ${value(family)}`).join(' ')} END`;
  return `INSERT INTO nps_rollup (${KEY}, ${CELLS.join(', ')})
    SELECT p.f, p.g,
      CASE p.g WHEN 0 THEN ${LOCAL_DAY('t.l')} ELSE ${MONTH_OF_DAY(LOCAL_DAY('t.l'))} END,
      ${row}.site_key, ${row}.survey_id, ${row}.survey_kind, ${row}.channel,
      ${ROLLUP_COLUMNS.map((column) => byFamily((family) => storedValue(row, family, column))).join(', ')},
      ${byFamily((family) => nullsOf(row, family))}, ${cells.join(', ')}
    FROM (SELECT ${row}.at + ${offsetAt(`${row}.at`)} AS l) AS t
      CROSS JOIN (${parts.join(' UNION ALL ')}) AS p
    WHERE ${byFamily(where)}
    ON CONFLICT (${KEY}) DO UPDATE SET ${ADD};`;
}

/** Columns every family keys on (plus `at`, which decides the day). */
const COMMON = ['at', 'site_key', 'survey_id', 'survey_kind', 'channel'];
const changed = (columns: readonly string[]) =>
  columns.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ');
const keyChanged = (family: RollupFamily) => changed([...COMMON, ...family.columns]);
const GRAINS = [0, 1] as const;

/**
 * The triggers. An insert adds the row to every family and grain; a delete subtracts it. An update
 * that moves a row to another key of a family (its day, store, employee, emotion, …) subtracts the old
 * row there and adds the new; one that only changes the score or the verified flag adds the cell
 * differences in place; one that changes nothing counted (a comment, a page) does nothing.
 */
export function rollupTriggersSql(families: readonly RollupFamily[]): string {
  const all = (row: string, sign: '' | '-') =>
    upsertAll(
      row,
      families,
      CELLS.map((cell) => `${sign}${cellOf(row, cell)}`),
    );
  const moves = families.map(
    (family) => `
  CREATE TRIGGER responses_rollup_move_${family.id} AFTER UPDATE ON responses
    WHEN ${keyChanged(family)} BEGIN
    ${GRAINS.map((grain) =>
      upsert(
        'OLD',
        family,
        grain,
        CELLS.map((cell) => `-${cellOf('OLD', cell)}`),
      ),
    ).join('\n    ')}
    ${GRAINS.map((grain) =>
      upsert(
        'NEW',
        family,
        grain,
        CELLS.map((cell) => cellOf('NEW', cell)),
      ),
    ).join('\n    ')}
  END;`,
  );
  const recount = upsertAll(
    'NEW',
    families,
    CELLS.map((cell) => `${cellOf('NEW', cell)} - ${cellOf('OLD', cell)}`),
    (family) => `NOT (${keyChanged(family)})`,
  );
  return `
  CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses BEGIN
  ${all('NEW', '')}
  END;
  CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses BEGIN
  ${all('OLD', '-')}
  END;
  ${moves.join('\n')}
  CREATE TRIGGER responses_rollup_recount AFTER UPDATE ON responses
    WHEN OLD.score IS NOT NEW.score OR OLD.verified IS NOT NEW.verified BEGIN
    ${recount}
  END;`;
}

/**
 * Counts every response into `nps_rollup` from scratch (the table must be empty): day rows per family
 * in one grouped pass over `responses`, then month rows from the day rows.
 */
export function rollupRebuildSql(families: readonly RollupFamily[], table = 'nps_rollup'): string {
  const days = families.map((family) => {
    const row = 'r';
    return `INSERT INTO ${table} (${KEY}, ${CELLS.join(', ')})
    SELECT ${family.id}, 0, ${LOCAL_DAY(`${row}.at + ${offsetAt(`${row}.at`)}`)}, ${row}.site_key,
      ${row}.survey_id, ${row}.survey_kind, ${row}.channel,
      ${ROLLUP_COLUMNS.map((column) => storedValue(row, family, column)).join(', ')},
      ${nullsOf(row, family)}, ${CELLS.map((cell) => `sum(${cellOf(row, cell)})`).join(', ')}
    FROM responses AS ${row} WHERE true
    GROUP BY 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;`;
  });
  const keyAfterDay = ROLLUP_KEY.slice(3).join(', ');
  return `${days.join('\n  ')}
  INSERT INTO ${table} (${KEY}, ${CELLS.join(', ')})
    SELECT family, 1, ${MONTH_OF_DAY('day')}, ${keyAfterDay}, ${CELLS.map((cell) => `sum(${cell})`).join(', ')}
    FROM ${table} WHERE grain = 0
    GROUP BY family, 3, ${keyAfterDay};`;
}
