import type pg from 'pg';
import { buildCalendar, createDayMap, type DayMap } from '../rollup/calendar.js';
import { CELLS, ROLLUP_FAMILIES, ROLLUP_KEY } from '../rollup/families.js';
import type { RollupCheck, RollupStatus } from '../types.js';
import { longQuery } from './long-query.js';
import { inTransaction } from './pool.js';
import { COMPACT_SQL, rebuildSql } from './rollup-sql.js';

/** The rollup's zone, calendar and maintenance on PostgreSQL (tables of migration 5). */
export interface PostgresRollup {
  /** The rollup's days as instants (from the stored calendar, read once per zone change). */
  days(): Promise<DayMap>;
  status(): Promise<RollupStatus>;
  /**
   * Switches to `timeZone` when given and counts everything again, blocking writers meanwhile; with
   * `unlessIn`, does nothing when the rollup already counts in `timeZone` (decided under the lock,
   * so instances opening together rebuild once).
   */
  rebuild(
    timeZone: string | undefined,
    now: number,
    options: { unlessIn?: boolean },
  ): Promise<RollupStatus>;
  check(): Promise<RollupCheck>;
  /** Folds the delta log into the rollup unless another instance is doing it; rows folded. */
  compact(): Promise<number>;
}

const KEY = ROLLUP_KEY.join(', ');
const NONZERO = CELLS.map((cell) => `${cell} <> 0`).join(' OR ');
const COLUMNS = [...ROLLUP_KEY, ...CELLS].join(', ');
/** The rollup as readers see it: folded rows plus the delta log, summed per key. */
const CURRENT = `SELECT ${ROLLUP_KEY.join(', ')}, ${CELLS.map((cell) => `sum(${cell}) AS ${cell}`).join(', ')}
  FROM (SELECT ${COLUMNS} FROM nps_rollup UNION ALL SELECT ${COLUMNS} FROM nps_rollup_delta) AS u
  GROUP BY ${ROLLUP_KEY.join(', ')}`;

/**
 * Reads and maintains the rollup. Rebuild and compaction share one advisory lock, so a fold never
 * runs into a rebuild; the rebuild also locks `responses` against writers (SHARE ROW EXCLUSIVE:
 * ingest waits, reads go on), so what it counts is exactly what is stored when it commits.
 */
export function createPostgresRollup(pool: pg.Pool, lock: [number, number]): PostgresRollup {
  let cached: { zone: string; days: DayMap } | undefined;
  const status = async (client: pg.Pool | pg.PoolClient = pool): Promise<RollupStatus> => {
    const { rows } = await client.query<{
      time_zone: string;
      built_at: string | null;
      rows: string;
    }>(
      `SELECT time_zone, built_at,
        (SELECT count(*) FROM nps_rollup) + (SELECT count(*) FROM nps_rollup_delta) AS rows
        FROM rollup_state WHERE id = 1`,
    );
    const row = rows[0];
    return {
      timeZone: row?.time_zone ?? 'UTC',
      rows: Number(row?.rows ?? 0),
      builtAt: row?.built_at === null || row?.built_at === undefined ? null : Number(row.built_at),
    };
  };
  return {
    async days() {
      const { rows: state } = await pool.query<{ time_zone: string }>(
        'SELECT time_zone FROM rollup_state WHERE id = 1',
      );
      const zone = state[0]?.time_zone ?? 'UTC';
      if (cached?.zone !== zone) {
        const { rows } = await pool.query<{ start_at: string; offset_ms: string }>(
          'SELECT start_at, offset_ms FROM rollup_calendar ORDER BY start_at',
        );
        const days = createDayMap(
          rows.map((row) => ({ start: Number(row.start_at), offset: Number(row.offset_ms) })),
        );
        cached = { zone, days };
      }
      return cached.days;
    },
    status: () => status(),
    rebuild: (timeZone, now, { unlessIn = false }) =>
      inTransaction(pool, async (client) => {
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query(longQuery('SELECT pg_advisory_xact_lock($1, $2)', lock));
        if (unlessIn && (await status(client)).timeZone === timeZone) return status(client);
        await client.query(longQuery('LOCK TABLE responses IN SHARE ROW EXCLUSIVE MODE'));
        if (timeZone !== undefined) {
          const calendar = buildCalendar(timeZone);
          if (!calendar) throw new Error(`the rollup cannot count local days of ${timeZone}`);
          await client.query('DELETE FROM rollup_calendar');
          await client.query(
            'INSERT INTO rollup_calendar (start_at, offset_ms) SELECT * FROM unnest($1::bigint[], $2::bigint[])',
            [calendar.map((segment) => segment.start), calendar.map((segment) => segment.offset)],
          );
          await client.query('UPDATE rollup_state SET time_zone = $1 WHERE id = 1', [timeZone]);
        }
        await client.query('TRUNCATE nps_rollup, nps_rollup_delta');
        for (const sql of rebuildSql(ROLLUP_FAMILIES, 'nps_rollup'))
          await client.query(longQuery(sql));
        await client.query('UPDATE rollup_state SET built_at = $1 WHERE id = 1', [now]);
        cached = undefined;
        return status(client);
      }),
    async check() {
      const client = await pool.connect();
      try {
        // One snapshot for both sides; the temporary table goes with the transaction.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query(
          'CREATE TEMPORARY TABLE rollup_expected (LIKE nps_rollup INCLUDING DEFAULTS) ON COMMIT DROP',
        );
        for (const sql of rebuildSql(ROLLUP_FAMILIES, 'rollup_expected')) {
          await client.query(longQuery(sql));
        }
        // Keys, not rows: a key whose counts differ is on both sides of the comparison.
        const { rows } = await client.query<{ n: string }>(
          longQuery(`SELECT count(*) AS n FROM (
            (SELECT ${KEY} FROM (SELECT ${COLUMNS} FROM (${CURRENT}) AS c WHERE ${NONZERO}
              EXCEPT SELECT ${COLUMNS} FROM rollup_expected WHERE ${NONZERO}) AS a)
            UNION
            (SELECT ${KEY} FROM (SELECT ${COLUMNS} FROM rollup_expected WHERE ${NONZERO}
              EXCEPT SELECT ${COLUMNS} FROM (${CURRENT}) AS c WHERE ${NONZERO}) AS b)) AS d`),
        );
        const result = { ...(await status(client)), differences: Number(rows[0]?.n ?? 0) };
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        client.release(true);
        throw error;
      }
    },
    compact: () =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_xact_lock($1, $2) AS ok',
          lock,
        );
        if (rows[0]?.ok !== true) return 0;
        return (await client.query(COMPACT_SQL)).rowCount ?? 0;
      }),
  };
}
