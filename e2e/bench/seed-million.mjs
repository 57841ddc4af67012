// Bulk-writes the 1 000 000-response benchmark database for the dashboard benches: the collector's
// own schema (the store creates and migrates it), then one INSERT transaction — seeding only, so
// synchronous=OFF. Shaped like the demo: its site and surveys (90 % checkout, 10 % relationship),
// the demo's six stores and their employees, order values in SEK, emotions, some comments, a 30 %
// response rate, spread evenly over the year up to `now`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(
  fileURLToPath(new URL('../../packages/collector/package.json', import.meta.url)),
);
const Database = require('better-sqlite3');

const UNITS = [
  ['stockholm-sodermalm', ['emp-elin', 'emp-viktor', 'emp-maja', 'emp-ali']],
  ['goteborg-haga', ['emp-omar', 'emp-lisa', 'emp-erik']],
  ['malmo-davidshall', ['emp-sara', 'emp-noah', 'emp-ella', 'emp-hugo', 'emp-alva']],
  ['web', ['emp-jonas', 'emp-frida', 'emp-leo']],
  ['uppsala-fyris', ['emp-karin', 'emp-amir', 'emp-wilma']],
  ['lund-centrum', ['emp-oscar', 'emp-saga', 'emp-liam', 'emp-nora']],
];
const EMOTIONS = [
  'delighted',
  'happy',
  'relieved',
  'indifferent',
  'confused',
  'frustrated',
  'disappointed',
];
const COMMENTS = [
  'Supergod kaffe!',
  'Lång kö.',
  'Beställningen var inte klar.',
  'Fine coffee.',
  'Trevlig personal.',
];

/**
 * @param {string} dbPath
 * @param {{ count: number, now: number, siteKey: string, openSqliteStore: (path: string) => { close(): Promise<void> } }} options
 */
export async function seedMillion(dbPath, { count, now, siteKey, openSqliteStore }) {
  await openSqliteStore(dbPath).close();
  const db = new Database(dbPath);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`INSERT INTO responses (response_id, site_key, survey_id, survey_kind,
    anonymous_id, customer_id, score, category, emotion, comment, touchpoint, unit, employee,
    order_id, order_value, currency, custom, at, displayed_at, answered_at, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SEK', '{}', ?, ?, ?, ?)`);
  const span = 365 * 86_400_000;
  const start = now - span;
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const hex = i.toString(16).padStart(12, '0');
      const relationship = i % 10 === 0;
      const answered = (i * 7) % 10 < 3;
      const score = answered ? (i * 7919) % 11 : null;
      const category =
        score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
      const [unit, employees] = UNITS[(i * 31) % UNITS.length];
      const at = start + Math.floor((i / count) * span);
      insert.run(
        `00000000-0000-4000-8000-${hex}`,
        siteKey,
        relationship ? 'relationship' : 'checkout',
        relationship ? 'relationship' : 'transactional',
        `10000000-0000-4000-8000-${hex}`,
        `c-${i % 200_000}`,
        score,
        category,
        answered && i % 3 !== 0 ? EMOTIONS[i % EMOTIONS.length] : null,
        answered && i % 4 === 0 ? COMMENTS[i % COMMENTS.length] : null,
        relationship ? 'account' : 'checkout',
        unit,
        employees[i % employees.length],
        relationship ? null : `NC-${i}`,
        relationship ? null : 139 + ((i * 13) % 600),
        at,
        at,
        answered ? at + 4000 : null,
        at + 5000,
      );
    }
  })();
  db.close();
}
