import {
  CELLS,
  nullBit,
  ROLLUP_COLUMNS,
  ROLLUP_KEY,
  type RollupColumn,
  type RollupFamily,
} from '../rollup/families.js';

// The SQL that keeps `nps_rollup` (see rollup/families.ts) in step with `responses` on PostgreSQL.
//
// Why statement triggers and a delta log, not row triggers that upsert `nps_rollup` directly: every
// ingest group of every collector instance would then update the same few rows (today × store) and
// hold their row locks until its COMMIT — instances would queue behind each other, and two groups
// touching two stores in opposite orders would deadlock. Instead each statement that changes
// `responses` appends its net change per key to `nps_rollup_delta` (insert-only: nothing to wait
// for), in the statement's own transaction, so the counts are exact at every commit. Readers add
// the delta to the rollup; `compact` folds the delta in now and then, one instance at a time.

const KEY = ROLLUP_KEY.join(', ');
const KEY_AFTER_DAY = ROLLUP_KEY.slice(3).join(', ');

/** floor(local ms / 1 day) for a bigint (`/` truncates toward zero). */
const LOCAL_DAY = (local: string) =>
  `(((${local}) - (((${local}) % 86400000) + 86400000) % 86400000) / 86400000)::integer`;

/** The first day of the month of a local day number (a date plus an integer is a date). */
const MONTH_OF_DAY = (day: string) =>
  `((${day}) - extract(day FROM date '1970-01-01' + (${day}))::integer + 1)`;

const CATEGORY: Record<string, string> = {
  na: 'score IS NULL',
  pr: 'coalesce(score >= 9, false)',
  pa: 'coalesce(score BETWEEN 7 AND 8, false)',
  de: 'coalesce(score <= 6, false)',
};

/** `sign` when a changed row falls in a cell, else 0. */
const cellOf = (cell: string) =>
  `CASE WHEN ${CATEGORY[cell.slice(0, 2)]} AND verified = ${cell.endsWith('1') ? 'true' : 'false'} THEN sign ELSE 0 END`;

const storedValue = (family: RollupFamily, column: RollupColumn) =>
  family.columns.includes(column) ? `coalesce(${column}, '')` : "''";

const nullsOf = (family: RollupFamily) =>
  ROLLUP_COLUMNS.map((column) =>
    family.columns.includes(column)
      ? `CASE WHEN ${column} IS NULL THEN ${nullBit(column)} ELSE 0 END`
      : String(nullBit(column)),
  ).join(' + ');

/** The columns a change source must have (a `responses` row plus its sign, +1 or −1). */
const SOURCE_COLUMNS = `at, site_key, survey_id, survey_kind, channel, ${ROLLUP_COLUMNS.join(', ')}, score, verified`;

/**
 * An INSERT of the net change of `source` (rows with `SOURCE_COLUMNS` and `sign`) per family and key
 * into `target`: day rows, and month rows when `months`. Keys whose change is zero (an update that
 * changed nothing counted: a comment, a page) write nothing.
 */
export function changeInsertSql(
  families: readonly RollupFamily[],
  source: string,
  target: string,
  months: boolean,
): string {
  const grains = months ? '(VALUES (0), (1))' : '(VALUES (0))';
  const perFamily = families.map(
    (family) => `SELECT ${family.id} AS family, g.grain,
        CASE WHEN g.grain = 0 THEN l.lday ELSE ${MONTH_OF_DAY('l.lday')} END AS day,
        site_key, survey_id, survey_kind, channel,
        ${ROLLUP_COLUMNS.map((column) => `${storedValue(family, column)} AS ${column}`).join(', ')},
        ${nullsOf(family)} AS nulls,
        ${CELLS.map((cell) => `${cellOf(cell)} AS ${cell}`).join(', ')}
      FROM located AS l CROSS JOIN ${grains} AS g(grain)`,
  );
  return `WITH located AS (
      SELECT s.*, ${LOCAL_DAY('s.at + c.offset_ms')} AS lday FROM (${source}) AS s
      CROSS JOIN LATERAL (SELECT offset_ms FROM rollup_calendar
        WHERE start_at <= s.at ORDER BY start_at DESC LIMIT 1) AS c
    )
    INSERT INTO ${target} (${KEY}, ${CELLS.join(', ')})
    SELECT ${KEY}, ${CELLS.map((cell) => `sum(${cell})`).join(', ')}
    FROM (${perFamily.join('\n      UNION ALL ')}) AS x
    GROUP BY ${KEY}
    HAVING ${CELLS.map((cell) => `sum(${cell}) <> 0`).join(' OR ')}`;
}

/** Month rows of `table` counted from its day rows (after a rebuild wrote only days). */
export function monthsFromDaysSql(table: string): string {
  return `INSERT INTO ${table} (${KEY}, ${CELLS.join(', ')})
    SELECT family, 1, ${MONTH_OF_DAY('day')}, ${KEY_AFTER_DAY}, ${CELLS.map((cell) => `sum(${cell})`).join(', ')}
    FROM ${table} WHERE grain = 0
    GROUP BY family, ${MONTH_OF_DAY('day')}, ${KEY_AFTER_DAY}`;
}

/** Everything of `responses` counted into `table` from scratch (the table must be empty). */
export function rebuildSql(families: readonly RollupFamily[], table: string): string[] {
  return [
    changeInsertSql(families, `SELECT ${SOURCE_COLUMNS}, 1 AS sign FROM responses`, table, false),
    monthsFromDaysSql(table),
  ];
}

/** Folds every visible delta row into `nps_rollup` (one instance at a time: see `compact`). */
export const COMPACT_SQL = `WITH moved AS (DELETE FROM nps_rollup_delta RETURNING *)
  INSERT INTO nps_rollup AS r (${KEY}, ${CELLS.join(', ')})
  SELECT ${KEY}, ${CELLS.map((cell) => `sum(${cell})`).join(', ')} FROM moved GROUP BY ${KEY}
  ON CONFLICT (${KEY}) DO UPDATE SET ${CELLS.map((cell) => `${cell} = r.${cell} + excluded.${cell}`).join(', ')}`;

const TABLE_COLUMNS = `family integer NOT NULL,
    grain integer NOT NULL,
    day integer NOT NULL,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    survey_kind text NOT NULL,
    channel text NOT NULL,
    ${ROLLUP_COLUMNS.map((column) => `${column} text NOT NULL`).join(',\n    ')},
    nulls integer NOT NULL,
    ${CELLS.map((cell) => `${cell} bigint NOT NULL DEFAULT 0`).join(',\n    ')}`;

/** A statement trigger: its function appends the statement's change, read from transition tables. */
function trigger(operation: 'insert' | 'update' | 'delete', families: readonly RollupFamily[]) {
  const plus = `SELECT ${SOURCE_COLUMNS}, 1 AS sign FROM new_rows`;
  const minus = `SELECT ${SOURCE_COLUMNS}, -1 AS sign FROM old_rows`;
  const source = { insert: plus, update: `${plus} UNION ALL ${minus}`, delete: minus }[operation];
  const tables = {
    insert: 'NEW TABLE AS new_rows',
    update: 'NEW TABLE AS new_rows OLD TABLE AS old_rows',
    delete: 'OLD TABLE AS old_rows',
  }[operation];
  return `
  CREATE FUNCTION npskit_rollup_${operation}() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $rollup$
  BEGIN
    ${changeInsertSql(families, source, 'nps_rollup_delta', true)};
    RETURN NULL;
  END
  $rollup$;
  CREATE TRIGGER responses_rollup_${operation} AFTER ${operation.toUpperCase()} ON responses
    REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION npskit_rollup_${operation}();`;
}

/**
 * Postgres migration 5: the rollup's state (zone, calendar of UTC offsets), the rollup and its delta
 * log, the three statement triggers, and the counts of the rows already stored.
 */
export function rollupMigrationSql(families: readonly RollupFamily[]): string {
  return `
  -- Counting the stored rows at the end may take minutes on a big table: no statement timeout.
  SET LOCAL statement_timeout = 0;
  CREATE TABLE rollup_state (
    id integer PRIMARY KEY CHECK (id = 1),
    time_zone text NOT NULL,
    built_at bigint
  );
  INSERT INTO rollup_state (id, time_zone, built_at) VALUES (1, 'UTC', NULL);
  CREATE TABLE rollup_calendar (start_at bigint PRIMARY KEY, offset_ms bigint NOT NULL);
  INSERT INTO rollup_calendar (start_at, offset_ms) VALUES (-9007199254740991, 0);
  CREATE TABLE nps_rollup (
    ${TABLE_COLUMNS},
    PRIMARY KEY (${KEY})
  );
  CREATE TABLE nps_rollup_delta (
    ${TABLE_COLUMNS}
  );
  CREATE INDEX nps_rollup_delta_day ON nps_rollup_delta (family, grain, day);
  ${trigger('insert', families)}
  ${trigger('update', families)}
  ${trigger('delete', families)}
  ${rebuildSql(families, 'nps_rollup').join(';\n  ')};`;
}
