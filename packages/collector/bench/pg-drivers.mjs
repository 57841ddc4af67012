// Which Postgres client for the collector? (A script, not a test; it decided issue 12's choice.)
// The same durable group insert — shared erase lock, events via unnest ON CONFLICT DO NOTHING
// RETURNING, responses upsert via unnest, COMMIT on a fsync=on cluster — through node-postgres
// (plain and pipelined) and postgres.js, interleaved rounds, medians; also the client's CPU per
// event, which the collector's own HTTP and validation work competes with.
// Run: npm install --no-save postgres && node packages/collector/bench/pg-drivers.mjs
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startCluster } from '../test/postgres/cluster.mjs';

const postgres = await import('postgres').then(
  (module) => module.default,
  () => {
    console.error('postgres.js is not installed: npm install --no-save postgres');
    process.exit(2);
  },
);

const SCHEMA = `
CREATE TABLE events (id text PRIMARY KEY, hash text NOT NULL, type text NOT NULL, site_key text NOT NULL,
  survey_id text NOT NULL, response_id text NOT NULL, anonymous_id text NOT NULL, customer_id text,
  at bigint NOT NULL, client_at bigint NOT NULL, received_at bigint NOT NULL, payload text NOT NULL);
CREATE INDEX events_response ON events(response_id);
CREATE TABLE responses (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, response_id text NOT NULL UNIQUE,
  site_key text NOT NULL, survey_id text NOT NULL, survey_kind text NOT NULL, anonymous_id text NOT NULL,
  customer_id text, score smallint, category text, emotion text, comment text, touchpoint text, unit text,
  employee text, order_id text, order_value double precision, currency text, locale text, page text,
  custom jsonb NOT NULL DEFAULT '{}', at bigint NOT NULL, displayed_at bigint, answered_at bigint,
  dismissed_at bigint, received_at bigint NOT NULL);
CREATE INDEX responses_customer ON responses(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX responses_anonymous ON responses(anonymous_id);
CREATE INDEX responses_nps_unit ON responses(unit, survey_id, at) INCLUDE (score);
CREATE INDEX responses_nps_touchpoint ON responses(touchpoint, survey_id, at) INCLUDE (score);
CREATE INDEX responses_nps_employee ON responses(employee, survey_id, at) INCLUDE (score);
CREATE INDEX responses_nps_emotion ON responses(emotion, survey_id, at) INCLUDE (score);
CREATE TABLE tombstones (id_hash text PRIMARY KEY, erased_at bigint NOT NULL);
`;

const INSERT_EVENTS = `
WITH t AS (SELECT id_hash FROM tombstones WHERE id_hash = ANY($13::text[]))
, ins AS (
  INSERT INTO events (id, hash, type, site_key, survey_id, response_id, anonymous_id, customer_id, at, client_at, received_at, payload)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
  ON CONFLICT (id) DO NOTHING RETURNING id)
SELECT 'a' AS k, id FROM ins UNION ALL SELECT 't', id_hash FROM t`;

const UPSERT = `
INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id, score, category, emotion, comment,
  touchpoint, unit, employee, order_id, order_value, currency, locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::text[], $13::text[], $14::text[], $15::float8[], $16::text[], $17::text[], $18::text[], $19::jsonb[], $20::bigint[], $21::bigint[], $22::bigint[], $23::bigint[], $24::bigint[])
ON CONFLICT (response_id) DO UPDATE SET
  score = CASE WHEN excluded.answered_at IS NOT NULL AND (responses.answered_at IS NULL OR excluded.answered_at >= responses.answered_at) THEN excluded.score ELSE responses.score END,
  customer_id = coalesce(excluded.customer_id, responses.customer_id),
  emotion = coalesce(excluded.emotion, responses.emotion),
  comment = coalesce(excluded.comment, responses.comment),
  custom = responses.custom || excluded.custom,
  at = least(responses.at, excluded.at)`;

function makeGroup(batches) {
  const now = Date.now();
  const ev = [];
  const resp = [];
  for (let b = 0; b < batches; b++) {
    const anon = randomUUID();
    for (let i = 0; i < 5; i++) {
      const responseId = randomUUID();
      ev.push([
        randomUUID(),
        'h'.repeat(64),
        'answer',
        'pk_site',
        'checkout',
        responseId,
        anon,
        `c-${b}`,
        now,
        now,
        now,
        JSON.stringify({ score: 9, comment: null, context: { unit: 'u1' }, custom: {} }),
      ]);
      resp.push([
        responseId,
        'pk_site',
        'checkout',
        'transactional',
        anon,
        `c-${b}`,
        9,
        'promoter',
        'happy',
        null,
        'checkout',
        `unit-${i}`,
        null,
        null,
        349,
        'SEK',
        null,
        null,
        '{}',
        now,
        now,
        now,
        null,
        now,
      ]);
    }
  }
  const cols = (rows, n) => Array.from({ length: n }, (_, c) => rows.map((r) => r[c]));
  const hashes = ev.flatMap((e) => [
    createHash('sha256').update(e[6]).digest('hex'),
    createHash('sha256').update(e[7]).digest('hex'),
  ]);
  return { ev: [...cols(ev, 12), hashes], resp: cols(resp, 24), count: ev.length };
}

async function runPg(url, pipeline, concurrency, batches, seconds) {
  const cpu0 = process.cpuUsage();
  const pool = new pg.Pool({
    connectionString: url,
    max: concurrency,
    ...(pipeline ? { pipeline: true } : {}),
  });
  let events = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const g = makeGroup(batches);
        const client = await pool.connect();
        try {
          if (pipeline) {
            const [, , r] = await Promise.all([
              client.query('BEGIN'),
              client.query('SELECT pg_advisory_xact_lock_shared(42)'),
              client.query(INSERT_EVENTS, g.ev),
            ]);
            void r;
            await Promise.all([client.query(UPSERT, g.resp), client.query('COMMIT')]);
          } else {
            await client.query('BEGIN; SELECT pg_advisory_xact_lock_shared(42)');
            await client.query(INSERT_EVENTS, g.ev);
            await client.query(UPSERT, g.resp);
            await client.query('COMMIT');
          }
          events += g.count;
        } finally {
          client.release();
        }
      }
    }),
  );
  await pool.end();
  const cpu = process.cpuUsage(cpu0);
  return [events / seconds, (cpu.user + cpu.system) / events];
}

async function runPostgresJs(url, concurrency, batches, seconds) {
  const cpu0 = process.cpuUsage();
  const sql = postgres(url, { max: concurrency, onnotice: () => {} });
  let events = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const g = makeGroup(batches);
        await sql.begin(async (tx) => {
          await tx.unsafe('SELECT pg_advisory_xact_lock_shared(42)');
          await tx.unsafe(INSERT_EVENTS, g.ev, { prepare: true });
          await tx.unsafe(UPSERT, g.resp, { prepare: true });
        });
        events += g.count;
      }
    }),
  );
  await sql.end();
  const cpu = process.cpuUsage(cpu0);
  return [events / seconds, (cpu.user + cpu.system) / events];
}

const cluster = await startCluster({ durable: true });
try {
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query(SCHEMA);
  await admin.end();
  const S = Number(process.env.S ?? 4);
  const R = Number(process.env.R ?? 5);
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const [c, b] of [
    [32, 1],
    [4, 8],
    [4, 20],
  ]) {
    const res = { pg: [], pipe: [], js: [] };
    for (let r = 0; r < R; r++) {
      res.pg.push(await runPg(cluster.url, false, c, b, S));
      res.pipe.push(await runPg(cluster.url, true, c, b, S));
      res.js.push(await runPostgresJs(cluster.url, c, b, S));
    }
    const f = (k) =>
      `${k} ${med(res[k].map((x) => x[0])).toFixed(0)} ev/s ${med(res[k].map((x) => x[1])).toFixed(1)} µs cpu/ev`;
    console.log(
      `conc ${c} batches/txn ${b} (median of ${R}): ${f('pg')} | ${f('pipe')} | ${f('js')}`,
    );
  }
} finally {
  cluster.stop();
}
