// Child process for bench/ingest.mjs: runs one server (a collector or a bare baseline, on SQLite or
// Postgres) so the load generator does not share an event loop with it. Reports its URL over IPC.
// Args: <kind> <sqlite file | postgres url> <config json>; kinds: collector, baseline,
// pg-collector, pg-baseline, and collector-no-rollup / pg-collector-no-rollup (the rollup's
// triggers off: what ingest cost before issue 15).
import { createServer } from 'node:http';
import { collectorConfigSchema, eventBatchSchema } from '@npskit/core/schema';
import Database from 'better-sqlite3';
import { siteTimeZone } from '../dist/analyst/time-zone.js';
import { createApp, openPostgresStore, openSqliteStore, startServer } from '../dist/index.js';
import { toStoredEvent } from '../dist/ingest/to-stored-event.js';
import { insertGroup } from '../dist/store/postgres/insert-events.js';
import { lockKey, NAMESPACE } from '../dist/store/postgres/lock-keys.js';
import { createBacklog } from '../dist/store/postgres/outbox/backlog.js';
import { createPool } from '../dist/store/postgres/pool.js';
import { createInsertEvents } from '../dist/store/sqlite/insert-events.js';
import { createTombstoneSet } from '../dist/store/sqlite/tombstone-set.js';
import { createTombstoneHasher } from '../dist/store/tombstone-hash.js';

const [kind, dbPath, configJson] = process.argv.slice(2);
// Instances of one installation share the tombstone key.
const tombstoneSecret = Buffer.from('npskit-bench-tombstone-secret-01');
const config = collectorConfigSchema.parse(JSON.parse(configJson));

/** The rollup's triggers off (kinds `…-no-rollup`): the collector as it was before issue 15. */
async function dropRollup() {
  if (kind === 'pg-collector-no-rollup') {
    await (await openPostgresStore(dbPath, { tombstoneSecret })).close();
    const pool = createPool(dbPath, 'public', {}, () => {});
    for (const operation of ['insert', 'update', 'delete'])
      await pool.query(`ALTER TABLE responses DISABLE TRIGGER responses_rollup_${operation}`);
    await pool.end();
    return;
  }
  await openSqliteStore(dbPath).close();
  const db = new Database(dbPath);
  for (const { name } of db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'responses_rollup_%'",
    )
    .all())
    db.exec(`DROP TRIGGER ${name}`);
  db.close();
}

async function startCollector() {
  if (kind.endsWith('-no-rollup')) await dropRollup();
  const inFlight = Number(process.env.BENCH_PG_IN_FLIGHT ?? 0);
  // BENCH_ROLLUP_READS=0: every summary counted from `responses` (bench/summaries.mjs' floor).
  const reads = process.env.BENCH_ROLLUP_READS === '0' ? { rollupReads: false } : {};
  // As `serve` does: the rollup counts days in the zone the sites share.
  const rollupTimeZone = siteTimeZone(config, undefined);
  const store = kind.startsWith('pg-collector')
    ? await openPostgresStore(dbPath, {
        tombstoneSecret,
        rollupTimeZone,
        ...reads,
        ...(inFlight ? { groupCommit: { maxInFlight: inFlight } } : {}),
      })
    : openSqliteStore(dbPath, { ...reads, rollupTimeZone });
  // No rate limit: the load generator is one client doing thousands of requests a second.
  const app = createApp({ store, config, rateLimit: false });
  const server = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    onClose: () => store.close(),
  });
  return server.url;
}

// The baseline: node:http + better-sqlite3 with the same validation (eventBatchSchema) and the same
// durable insert — the store's own insert statements into the same tables, WAL + synchronous=FULL, one
// transaction per request — and nothing else: no framework, no site/origin/rate checks, no group
// commit, no partial-batch bookkeeping.
function startBaseline() {
  openSqliteStore(dbPath).close(); // create the same schema
  const db = new Database(dbPath);
  // Bare: without the rollup's triggers, so the ratio prices the rollup too (issue 15).
  for (const { name } of db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'responses_rollup_%'",
    )
    .all())
    db.exec(`DROP TRIGGER ${name}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // No cases, no alerts: the bench config has none, and the bare insert asks the hook nothing.
  const noHook = { wants: () => false, apply: () => {} };
  const insert = createInsertEvents(
    db,
    createTombstoneSet(db, createTombstoneHasher(Buffer.alloc(32, 1))),
    noHook,
  );
  const site = config.sites[0];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const parsed = eventBatchSchema.safeParse(body);
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const receivedAt = Date.now();
      const stamp = {
        siteKey: site.key,
        surveyKind: 'transactional',
        receivedAt,
        sentAt: Date.parse(parsed.data.sentAt),
      };
      const result = db.transaction(() =>
        insert(parsed.data.events.map((e) => toStoredEvent(e, stamp).event)),
      )();
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ accepted: result.accepted, duplicate: result.duplicate, rejected: [] }),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

// The Postgres baseline: node:http + pg with the same validation and the same durable insert — the
// adapter's own statements (erase and site locks, tombstones, the trust-rule prefetch, events,
// folded responses) in one transaction per request, COMMIT before the reply — and nothing else: no framework, no site/origin/rate checks,
// no group commit (a pool of 10 connections, like the collector's).
async function startPgBaseline() {
  await (await openPostgresStore(dbPath, { tombstoneSecret })).close(); // create the same schema
  const pool = createPool(dbPath, 'public', {}, () => {});
  // Bare: without the rollup's triggers, so the ratio prices the rollup too (issue 15).
  for (const operation of ['insert', 'update', 'delete'])
    await pool.query(`ALTER TABLE responses DISABLE TRIGGER responses_rollup_${operation}`);
  const context = {
    eraseLock: lockKey(NAMESPACE.erase, 'public'),
    siteLock: (siteKey) => lockKey(NAMESPACE.site, 'public', siteKey),
    hasher: createTombstoneHasher(tombstoneSecret),
    knownKeys: new Map(),
    backlog: createBacklog(),
  };
  const site = config.sites[0];
  let reported = false;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const parsed = eventBatchSchema.safeParse(body);
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const stamp = {
        siteKey: site.key,
        surveyKind: 'transactional',
        receivedAt: Date.now(),
        sentAt: Date.parse(parsed.data.sentAt),
      };
      const events = parsed.data.events.map((e) => toStoredEvent(e, stamp).event);
      const client = await pool.connect();
      try {
        const { results, siteKeys } = await insertGroup(client, [{ events }], context);
        await client.query('COMMIT');
        client.release();
        for (const [site, keys] of siteKeys)
          context.knownKeys.set(site, new Set([...(context.knownKeys.get(site) ?? []), ...keys]));
        const [result] = results;
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ accepted: result.accepted, duplicate: result.duplicate, rejected: [] }),
        );
      } catch (error) {
        client.release(true);
        if (!reported) console.error(`pg baseline: ${error.message}`);
        reported = true;
        res.writeHead(503).end();
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

const url =
  kind === 'baseline'
    ? await startBaseline()
    : kind === 'pg-baseline'
      ? await startPgBaseline()
      : await startCollector();
process.send?.({ url });
// bench/analyst.mjs asks for the server's CPU time around each question: on a shared machine CPU time
// per request says what the latency would be with the cores to itself.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => process.exit(0));
