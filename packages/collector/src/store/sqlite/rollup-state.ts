import type { Database } from 'better-sqlite3';
import {
  buildCalendar,
  type CalendarSegment,
  createDayMap,
  type DayMap,
} from '../rollup/calendar.js';
import { CELLS, ROLLUP_FAMILIES, ROLLUP_KEY } from '../rollup/families.js';
import type { RollupCheck, RollupStatus } from '../types.js';
import { rollupRebuildSql } from './rollup-sql.js';

/** The rollup's zone, calendar and maintenance on SQLite (tables of migration 7). */
export interface SqliteRollup {
  /** The rollup's days as instants (from the stored calendar). */
  days(): DayMap;
  status(): RollupStatus;
  /** Switches to `timeZone` (if it differs, or `force`) and counts everything again; in a transaction. */
  rebuild(timeZone: string | undefined, now: number, force?: boolean): RollupStatus;
  check(): RollupCheck;
}

const KEY = ROLLUP_KEY.join(', ');
const NONZERO = CELLS.map((cell) => `${cell} <> 0`).join(' OR ');

/**
 * Reads and maintains the rollup's state. A zone whose local days are not intervals of time
 * (`buildCalendar`) is refused: the rollup then stays in its current zone, which is exact too (just
 * slower for questions in the other zone).
 */
export function createSqliteRollup(db: Database): SqliteRollup {
  const readZone = db.prepare<[], { time_zone: string; built_at: number | null }>(
    'SELECT time_zone, built_at FROM rollup_state WHERE id = 1',
  );
  const readCalendar = db.prepare<[], { start_at: number; offset_ms: number }>(
    'SELECT start_at, offset_ms FROM rollup_calendar ORDER BY start_at',
  );
  const countRows = db.prepare<[], { rows: number }>('SELECT count(*) AS rows FROM nps_rollup');
  let cached: DayMap | undefined;
  const days = (): DayMap => {
    cached ??= createDayMap(
      readCalendar.all().map((row) => ({ start: row.start_at, offset: row.offset_ms })),
    );
    return cached;
  };
  const status = (): RollupStatus => {
    const state = readZone.get();
    return {
      timeZone: state?.time_zone ?? 'UTC',
      rows: countRows.get()?.rows ?? 0,
      builtAt: state?.built_at ?? null,
    };
  };
  const writeCalendar = (segments: readonly CalendarSegment[]) => {
    db.prepare('DELETE FROM rollup_calendar').run();
    const insert = db.prepare('INSERT INTO rollup_calendar (start_at, offset_ms) VALUES (?, ?)');
    for (const segment of segments) insert.run(segment.start, segment.offset);
  };
  const rebuildSql = rollupRebuildSql(ROLLUP_FAMILIES);
  return {
    days,
    status,
    rebuild(timeZone, now, force = true) {
      const current = readZone.get()?.time_zone ?? 'UTC';
      const target = timeZone ?? current;
      if (target === current && !force) return status();
      const calendar = target === current ? undefined : buildCalendar(target);
      if (target !== current && !calendar) {
        if (!force) return status();
        throw new Error(`the rollup cannot count local days of ${target}`);
      }
      db.transaction(() => {
        if (calendar) {
          writeCalendar(calendar);
          db.prepare('UPDATE rollup_state SET time_zone = ? WHERE id = 1').run(target);
        }
        db.prepare('DELETE FROM nps_rollup').run();
        db.exec(rebuildSql);
        db.prepare('UPDATE rollup_state SET built_at = ? WHERE id = 1').run(now);
      }).immediate();
      cached = undefined;
      return status();
    },
    check() {
      const expected = 'temp.rollup_expected';
      db.exec(`DROP TABLE IF EXISTS ${expected};
        CREATE TABLE ${expected} AS SELECT * FROM nps_rollup WHERE 0;`);
      try {
        db.transaction(() => db.exec(rollupRebuildSql(ROLLUP_FAMILIES, expected)))();
        const columns = [...ROLLUP_KEY, ...CELLS].join(', ');
        const differences = db
          .prepare<[], { n: number }>(
            // Keys, not rows: a key whose counts differ is on both sides of the comparison.
            `SELECT count(*) AS n FROM (
              SELECT ${KEY} FROM (SELECT ${columns} FROM nps_rollup WHERE ${NONZERO}
                EXCEPT SELECT ${columns} FROM ${expected} WHERE ${NONZERO})
              UNION
              SELECT ${KEY} FROM (SELECT ${columns} FROM ${expected} WHERE ${NONZERO}
                EXCEPT SELECT ${columns} FROM nps_rollup WHERE ${NONZERO}))`,
          )
          .get();
        return { ...status(), differences: differences?.n ?? 0 };
      } finally {
        db.exec(`DROP TABLE IF EXISTS ${expected}`);
      }
    },
  };
}
