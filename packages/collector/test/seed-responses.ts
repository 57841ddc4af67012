import Database from 'better-sqlite3';

const COLUMNS = `response_id, site_key, survey_id, survey_kind, anonymous_id, score, category,
  touchpoint, unit, employee, custom, at, displayed_at, answered_at, received_at`;
const WIDTH = 15;
const PER_INSERT = 50;
const TOUCHPOINTS = ['checkout', 'delivery', 'checkout', 'support'];

/** Row `i` of a seeded table, in `COLUMNS` order: half of the rows are `touchpoint=checkout`. */
function row(i: number, siteKey: string, start: number): unknown[] {
  const hex = i.toString(16).padStart(12, '0');
  const score = i % 5 === 0 ? null : (i * 7919) % 11;
  const category =
    score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const at = start + i * 60_000;
  return [
    `00000000-0000-4000-8000-${hex}`,
    siteKey,
    'checkout',
    'transactional',
    `10000000-0000-4000-8000-${hex}`,
    score,
    category,
    TOUCHPOINTS[i % TOUCHPOINTS.length],
    `unit-${i % 50}`,
    `emp-${i % 400}`,
    i % 3 === 0 ? '{"segment":"gold"}' : '{}',
    at,
    at,
    score === null ? null : at + 4000,
    at + 5000,
  ];
}

/**
 * Appends responses `from` … `to - 1` straight into the `responses` table of a migrated SQLite file
 * (multi-row INSERTs in one transaction: 200 000 rows in a few seconds, where ingest would take
 * minutes). For scale tests only: no events, no rollups, nothing but the rows exports read.
 * `analyze: false` leaves the planner statistics as they were.
 */
export function seedResponses(
  path: string,
  from: number,
  to: number,
  siteKey: string,
  start = Date.parse('2025-01-01T00:00:00Z'),
  options: { analyze?: boolean } = {},
): void {
  const db = new Database(path);
  try {
    const tuple = `(${Array(WIDTH).fill('?').join(',')})`;
    const many = db.prepare(
      `INSERT INTO responses (${COLUMNS}) VALUES ${Array(PER_INSERT).fill(tuple).join(',')}`,
    );
    const one = db.prepare(`INSERT INTO responses (${COLUMNS}) VALUES ${tuple}`);
    db.transaction(() => {
      let i = from;
      for (; i + PER_INSERT <= to; i += PER_INSERT) {
        const values: unknown[] = [];
        for (let j = i; j < i + PER_INSERT; j += 1) values.push(...row(j, siteKey, start));
        many.run(values);
      }
      for (; i < to; i += 1) one.run(row(i, siteKey, start));
    })();
    // Sampled statistics, as `PRAGMA optimize` writes them (its analysis limit): what a collector
    // that has run a while has. With them SQLite reads `touchpoint = ?` through the covering
    // `responses_nps_touchpoint` index — the plan that made keyset paging quadratic.
    if (options.analyze !== false) {
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
    }
  } finally {
    db.close();
  }
}
