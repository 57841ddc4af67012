import { createHash, createHmac, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliInProcess } from '../src/cli/run-cli.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { storedEvent } from '../src/store/store-contract.js';
import { bundleCli, runCli, startServe } from './cli-process.js';
import {
  analyst,
  batch,
  configInput,
  event,
  post,
  SECRET,
  SECRET_B,
  SITE,
  startHalfSentPost,
  tempDir,
} from './helpers.js';

let cli: string;
let dir: string;
let cleanup: () => void;
let configPath: string;

beforeAll(async () => {
  cli = await bundleCli();
  ({ dir, cleanup } = tempDir());
  configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(configInput()));
}, 30_000);
afterAll(() => {
  cleanup();
  rmSync(cli, { force: true });
});

const postBatch = (url: string, events: unknown[]) =>
  fetch(`${url}/v1/events`, post(batch(events, { sentAt: new Date().toISOString() })));

describe('npskit-collector CLI', () => {
  it('prints help for the CLI and every command, exit 0', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['export', '--help'],
      ['summary', '--help'],
      ['keys', '--help'],
      ['keys', 'create', '--help'],
      ['snippet', '--help'],
    ]) {
      const result = runCli(cli, args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: npskit-collector/);
    }
  });

  it('creates write keys and read keys with the hash to put in the config', () => {
    const write = runCli(cli, ['keys', 'create', '--type', 'write']);
    expect(write.code).toBe(0);
    expect(write.stdout).toMatch(/^key: pk_[A-Za-z0-9_-]{32}\n$/);
    const read = runCli(cli, ['keys', 'create', '--type', 'read']);
    const [, key, sha] = /^key: (rk_\S+)\nsha256: ([0-9a-f]{64})\n$/.exec(read.stdout) ?? [];
    expect(sha).toBe(
      createHash('sha256')
        .update(key ?? '')
        .digest('hex'),
    );
  });

  it('creates site secrets (sk_) with the hash for sites[].secretSha256', () => {
    const secret = runCli(cli, ['keys', 'create', '--type', 'secret']);
    const [, key, sha] = /^key: (sk_\S+)\nsha256: ([0-9a-f]{64})\n$/.exec(secret.stdout) ?? [];
    expect(sha).toBe(
      createHash('sha256')
        .update(key ?? '')
        .digest('hex'),
    );
  });

  it('serve refuses to start when a site secret is missing or matches no site', () => {
    const args = ['serve', '--config', configPath, '--db', join(dir, 'nosecret.db'), '--port', '0'];
    const missing = runCli(cli, args, { NPSKIT_SITE_SECRETS: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('sites.0.secretSha256: no secret in NPSKIT_SITE_SECRETS');
    expect(missing.stderr).not.toContain('sk_');
    const stray = runCli(cli, args, {
      NPSKIT_SITE_SECRETS: `${SECRET},${SECRET_B},sk_typo_value_01`,
    });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('NPSKIT_SITE_SECRETS: secret 3 matches no site');
    expect(stray.stderr).not.toContain('sk_typo');
  });

  it('purge applies the retention once and says what it removed; export filters verified', async () => {
    const db = join(dir, 'purge.db');
    const store = openSqliteStore(db);
    const old = Date.now() - 800 * 86_400_000;
    const base = { siteKey: SITE, surveyId: 'checkout', surveyKind: 'transactional' as const };
    await store.insertEvents([
      storedEvent({ ...base, type: 'answer', score: 3, at: old, receivedAt: old }),
      storedEvent({ ...base, type: 'answer', score: 9, verified: true }),
    ]);
    await store.close();
    const retention = join(dir, 'retention.json');
    writeFileSync(
      retention,
      JSON.stringify({ ...configInput(), retention: { responsesMonths: 25 } }),
    );
    const purged = runCli(cli, ['purge', '--config', retention, '--db', db]);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toBe('purged: 0 comments, 1 responses, 1 events, 0 reservations\n');
    expect(runCli(cli, ['purge', '--config', retention, '--db', db]).stdout).toContain(
      'purged: 0 comments, 0 responses',
    );
    const verified = runCli(cli, [
      'export',
      '--db',
      db,
      '--format',
      'ndjson',
      '--verified',
      'true',
    ]);
    expect(
      verified.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).score),
    ).toEqual([9]);
  });

  it('never prints raw control characters to a terminal', async () => {
    const db = join(dir, 'tty.db');
    const store = openSqliteStore(db);
    // Written straight to the store, as an old database might hold it (ingest strips these).
    const context = { ...storedEvent().context, unit: 'x\u001b]0;owned\u0007\u009b2J' };
    await store.insertEvents([storedEvent({ type: 'answer', score: 9, context })]);
    await store.close();
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    let printed = '';
    tty.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const io = { stdout: tty, stderr: new PassThrough(), env: {} };
    expect(await runCliInProcess(['export', '--db', db, '--format', 'csv'], io)).toBe(0);
    expect(await runCliInProcess(['summary', '--db', db, '--group-by', 'unit'], io)).toBe(0);
    expect(printed).toContain('x\\x1b]0;owned\\x07\\x9b2J');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters.
    expect(printed).not.toMatch(/[\u001b\u0007\u009b]/);
  });

  it('exits 2 with a message naming the option on usage errors', () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve', '--prot', '1'], /--prot/],
      [['serve', '--config', configPath, '--port', 'http'], /--port/],
      [['serve', '--config', configPath, '--trust-proxy', 'x forwarded'], /--trust-proxy/],
      [['serve'], /--config/],
      [['keys', 'create', '--type', 'admin'], /--type/],
      [['export', '--db', 'x.db', '--from', 'soon'], /--from/],
      [['summary', '--db', 'x.db', '--group-by', '!'], /--group-by/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(cli, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('exits 1 listing every config problem by path', () => {
    const bad = join(dir, 'bad.json');
    const input = configInput() as { sites: Array<Record<string, unknown>> };
    input.sites[0] = { ...input.sites[0], origins: ['not an origin'], name: '' };
    writeFileSync(bad, JSON.stringify(input));
    const result = runCli(cli, [
      'serve',
      '--config',
      bad,
      '--db',
      join(dir, 'unused.db'),
      '--port',
      '0',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sites.0.origins.0:');
    expect(result.stderr).toContain('sites.0.name:');
    expect(result.stdout).toBe('');
  });

  it('loses nothing it acknowledged when killed with SIGKILL right after a 202', async () => {
    const db = join(dir, 'kill9.db');
    const serve = await startServe(cli, [
      '--config',
      configPath,
      '--db',
      db,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ]);
    const acknowledged: string[] = [];
    let killed = false;
    const batches = Array.from({ length: 30 }, () => Array.from({ length: 5 }, () => event()));
    await Promise.allSettled(
      batches.map(async (events) => {
        const res = await postBatch(serve.url, events);
        if (res.status === 202) {
          // Record before killing: the 202 is the promise we test.
          acknowledged.push(...events.map((e) => e.id as string));
          if (!killed) {
            killed = true;
            serve.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect((await serve.exited).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);

    const store = openSqliteStore(db);
    try {
      const stored = new Set<string>();
      for await (const row of store.streamResponses({})) stored.add(row.responseId);
      const expected = batches.flat().filter((e) => acknowledged.includes(e.id as string));
      const missing = expected.filter((e) => !stored.has(e.responseId as string));
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('shuts down gracefully on SIGTERM: the in-flight request completes, exit 0, one stdout line', async () => {
    const db = join(dir, 'graceful.db');
    const serve = await startServe(cli, ['--config', configPath, '--db', db, '--port', '0']);
    const body = JSON.stringify(batch([event()], { sentAt: new Date().toISOString() }));
    // Half the body now; SIGTERM; the rest after shutdown has begun: the request is in flight.
    const post = startHalfSentPost(serve.url, body);
    await delay(100);
    serve.child.kill('SIGTERM');
    await delay(200);
    post.sendRest();
    expect(await post.status).toBe(202);
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stdout()).toBe(`npskit collector listening on ${serve.url}\n`);

    // The data is there for the read commands.
    const exported = runCli(cli, ['export', '--db', db, '--format', 'csv']);
    expect(exported.code).toBe(0);
    expect(exported.stdout.startsWith('\uFEFFresponse_id,')).toBe(true);
    expect(exported.stdout.split('\r\n').filter(Boolean)).toHaveLength(2);
    const ndjson = runCli(cli, ['export', '--format', 'ndjson', '--category', 'promoter'], {
      NPSKIT_DB: db,
    });
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(1);
    const summary = runCli(cli, ['summary', '--db', db, '--group-by', 'unit']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^transactional\nunit\s+NPS\s+95% CI/);
    expect(summary.stdout).toMatch(
      /overall\s+100\.0\s+–\s+1\s+1\s+0\s+0\s+1\s+100\.0%\s+0\/1\s+low/,
    );
  }, 30_000);

  it('serves the analyst API from the CLI with env configuration', async () => {
    const db = join(dir, 'env.db');
    const serve = await startServe(cli, ['--config', configPath, '--db', db, '--port', '0']);
    try {
      expect((await postBatch(serve.url, [event({ responseId: randomUUID() })])).status).toBe(202);
      const res = await fetch(`${serve.url}/v1/nps`, { headers: analyst() });
      const body = (await res.json()) as { kinds: Array<{ kind: string; overall: { n: number } }> };
      expect(body.kinds.find((kind) => kind.kind === 'transactional')?.overall.n).toBe(1);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  }, 30_000);

  it('serve signs webhooks with NPSKIT_WEBHOOK_SECRET; an alert unanswered at SIGTERM is sent again after the restart', async () => {
    // First a receiver that takes the request and never answers: the alert is in flight at shutdown.
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    let answer = false;
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (answer) res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
      const hookConfig = join(dir, 'webhooks.json');
      writeFileSync(
        hookConfig,
        JSON.stringify({ ...configInput(), webhooks: [{ url: hookUrl, on: ['detractor'] }] }),
      );
      const secret = 'whsec_cli_test';
      const args = ['--config', hookConfig, '--db', join(dir, 'hooks.db'), '--port', '0'];
      const serve = await startServe(cli, args, { NPSKIT_WEBHOOK_SECRET: secret });
      expect((await postBatch(serve.url, [event({ score: 2 })])).status).toBe(202);
      const deadline = Date.now() + 5000;
      while (received.length === 0 && Date.now() < deadline) await delay(20);
      expect(received).toHaveLength(1);
      const [{ headers, body } = { headers: {}, body: '' }] = received;
      expect(headers['x-npskit-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      );

      const stopping = Date.now();
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - stopping).toBeLessThan(4500); // 2 s grace, not the 5 s timeout × retries
      expect(serve.stderr()).not.toContain(body);

      // The alert was never acknowledged: it is still in the outbox and leaves again, same id.
      answer = true;
      const again = await startServe(cli, args, { NPSKIT_WEBHOOK_SECRET: secret });
      try {
        const until = Date.now() + 8000;
        while (received.length < 2 && Date.now() < until) await delay(20);
        expect(received).toHaveLength(2);
        expect(JSON.parse(received[1]?.body ?? '{}').id).toBe(JSON.parse(body).id);
      } finally {
        again.child.kill('SIGTERM');
        await again.exited;
      }
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 30_000);
});
