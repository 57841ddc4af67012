// Analyst queries on Postgres for bench/ingest.mjs: seeds N responses server-side (generate_series,
// the same distribution as the SQLite seeder: one every 30 s from 2024-01-01, 80% answered, 50 units,
// 400 employees), then times GET /v1/nps and the NDJSON export through a real collector process.
import pg from 'pg';

const SITE = 'pk_bench_shop_0001';

/**
 * Fills `responses` with `count` rows. Indexes are dropped and rebuilt around the bulk insert (their
 * definitions read back from pg_indexes, so they are exactly the migrations'), then VACUUM ANALYZE
 * sets the visibility map an index-only scan needs — what autovacuum does for an insert-heavy table.
 */
export async function seedPostgres(url, count) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '1GB'");
    const { rows: indexes } = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'responses'
        AND indexname NOT IN ('responses_pkey', 'responses_response_id_key')`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    const start = Date.parse('2024-01-01T00:00:00Z');
    const step = 1_000_000;
    for (let from = 0; from < count; from += step) {
      await client.query(
        `INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id,
           customer_id, score, category, emotion, touchpoint, unit, employee, custom, at, displayed_at,
           answered_at, received_at)
         SELECT '00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), $1, 'checkout', 'transactional',
           '10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), 'c-' || (i % 200000),
           s, CASE WHEN s IS NULL THEN NULL WHEN s >= 9 THEN 'promoter' WHEN s >= 7 THEN 'passive' ELSE 'detractor' END,
           CASE WHEN s IS NOT NULL THEN (ARRAY['delighted','happy','relieved','indifferent','confused','frustrated'])[i % 6 + 1] END,
           'checkout', 'unit-' || ((i * 31) % 50), 'emp-' || (i % 400), '{}',
           $2 + i * 30000, $2 + i * 30000, CASE WHEN s IS NOT NULL THEN $2 + i * 30000 + 4000 END, $2 + i * 30000 + 5000
         FROM (SELECT i, CASE WHEN i % 5 <> 0 THEN (i * 7919) % 11 END AS s
               FROM generate_series($3::bigint, $4::bigint) AS i) g`,
        [SITE, start, from, Math.min(count, from + step) - 1],
      );
    }
    for (const index of indexes) await client.query(index.indexdef);
    await client.query('VACUUM (ANALYZE) responses');
  } finally {
    await client.end();
  }
}

/**
 * n, displays and group count of a `GET /v1/nps` body, summed over its survey kinds (the
 * headline is reported per kind, never mixed).
 */
export function npsFigures(body) {
  let n = 0;
  let displays = 0;
  let groups = 0;
  for (const kind of body.kinds) {
    n += kind.overall.n;
    displays += kind.overall.displays;
    groups += kind.groups.length;
  }
  return { n, displays, groups };
}

/** Median and p95 of `runs` timed GETs (after one warm-up), with the first body's figures. */
export async function timeQuery(url, path, readKey, runs) {
  const times = [];
  let figures;
  for (let i = 0; i <= runs; i += 1) {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${readKey}` } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i === 0) {
      figures = npsFigures(body);
      continue;
    }
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    ...figures,
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.ceil(times.length * 0.95) - 1],
  };
}

/** Streams `limit` NDJSON rows; rows/s and the collector's peak RSS (VmHWM) during the export. */
export async function timeExport(url, readKey, limit, pid) {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/responses?format=ndjson&limit=${limit}`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
  let rows = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    const text = tail + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    tail = lines.pop() ?? '';
    rows += lines.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rows, seconds, rowsPerSecond: rows / seconds, peakRssMb: peakKb / 1024 };
}
