// Child process for bench/ingest.mjs: runs one server (the collector or the bare baseline) so the
// load generator does not share an event loop with it. Reports its URL over IPC.
import { createServer } from 'node:http';
import { collectorConfigSchema, eventBatchSchema } from '@npskit/core/schema';
import Database from 'better-sqlite3';
import { createApp, openSqliteStore, startServer } from '../dist/index.js';
import { toStoredEvent } from '../dist/ingest/to-stored-event.js';
import { createInsertEvents } from '../dist/store/sqlite/insert-events.js';
import { createTombstoneSet } from '../dist/store/sqlite/tombstone-set.js';
import { createTombstoneHasher } from '../dist/store/tombstone-hash.js';

const [kind, dbPath, configJson] = process.argv.slice(2);
const config = collectorConfigSchema.parse(JSON.parse(configJson));

async function startCollector() {
  const store = openSqliteStore(dbPath);
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
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = createInsertEvents(
    db,
    createTombstoneSet(db, createTombstoneHasher(Buffer.alloc(32, 1))),
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

const url = kind === 'baseline' ? await startBaseline() : await startCollector();
process.send?.({ url });
process.on('disconnect', () => process.exit(0));
