import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesConfigInput } from './cases-helpers.js';
import { bundleCli, startServe } from './cli-process.js';
import { analyst, batch, event, post, tempDir } from './helpers.js';
import {
  dropSchema,
  postgresUrl,
  schemaName,
  TEST_TOMBSTONE_SECRET_ENV,
} from './postgres/schemas.js';

let cli: string;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  cli = await bundleCli();
  ({ dir, cleanup } = tempDir());
}, 30_000);
afterAll(() => {
  cleanup();
  rmSync(cli, { force: true });
});

const ALERTS = 20;

/** Where `serve` keeps its data: a SQLite file, or a schema of the test Postgres database. */
interface Database {
  args: string[];
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

const databases: Array<[string, () => Database]> = [
  [
    'SQLite',
    () => ({ args: ['--db', join(dir, 'kill9-alerts.db')], env: {}, cleanup: async () => {} }),
  ],
  [
    'PostgreSQL',
    () => {
      const schema = schemaName();
      return {
        args: ['--db', postgresUrl],
        env: { NPSKIT_DATABASE_SCHEMA: schema, NPSKIT_TOMBSTONE_SECRET: TEST_TOMBSTONE_SECRET_ENV },
        cleanup: () => dropSchema(schema),
      };
    },
  ],
];

describe.each(databases.filter(([name]) => name === 'SQLite' || postgresUrl !== ''))(
  'the outbox survives kill -9 of a real serve process (%s)',
  (_name, database) => {
    it('every alert arrives after the restart, once per delivery id (deduplicated by the receiver)', async () => {
      const db = database();
      // The receiver: first down (503), then up; it dedupes on the delivery id as the README says.
      let mode: 'down' | 'up' = 'down';
      const attempts: string[] = [];
      const delivered = new Map<string, { responseId: string; copies: number }>();
      let onFirstSuccess: (() => void) | undefined;
      const receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            id: string;
            responseId: string;
          };
          attempts.push(body.id);
          if (mode === 'down') {
            res.writeHead(503).end();
            return;
          }
          const seen = delivered.get(body.id);
          if (seen) seen.copies += 1;
          else delivered.set(body.id, { responseId: body.responseId, copies: 1 });
          res.writeHead(200).end(() => onFirstSuccess?.());
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/npskit`;
        const configPath = join(dir, 'kill9-alerts.json');
        writeFileSync(
          configPath,
          JSON.stringify(casesConfigInput({}, { webhooks: [{ url: hook, on: ['detractor'] }] })),
        );
        const args = ['--config', configPath, ...db.args, '--port', '0'];
        const first = await startServe(cli, args, db.env);

        const responseIds: string[] = [];
        for (let i = 0; i < ALERTS; i += 1) {
          const answer = event({
            score: i % 7,
            respondent: { anonymousId: randomUUID(), customerId: `cust-kill-${i}` },
            context: { unit: i % 2 ? 'malmo' : 'lund' },
          });
          responseIds.push(answer.responseId as string);
          const res = await fetch(
            `${first.url}/v1/events`,
            post(batch([answer], { sentAt: new Date().toISOString() })),
          );
          expect(res.status).toBe(202);
        }
        // Every alert was tried once and refused: all are waiting for their retry.
        const tried = Date.now() + 10_000;
        while (new Set(attempts).size < ALERTS && Date.now() < tried) await delay(20);
        expect(new Set(attempts).size).toBe(ALERTS);

        // The receiver comes back; the collector is killed the moment the first alert got its 200,
        // before it can record that delivery.
        const killed = new Promise<void>((resolve) => {
          onFirstSuccess = () => {
            onFirstSuccess = undefined;
            first.child.kill('SIGKILL');
            resolve();
          };
        });
        mode = 'up';
        await killed;
        expect((await first.exited).signal).toBe('SIGKILL');
        await delay(100); // bodies the receiver had already taken in are counted now
        const beforeRestart = new Set(delivered.keys());
        expect(beforeRestart.size).toBeGreaterThanOrEqual(1);
        expect(beforeRestart.size).toBeLessThan(ALERTS);

        // On Postgres the new process ends the dead one's leases (its session and lock went with it).
        const second = await startServe(cli, args, db.env);
        try {
          const deadline = Date.now() + 20_000;
          while (delivered.size < ALERTS && Date.now() < deadline) await delay(50);
          // Each alert once, after deduplication by id; nothing lost, nothing invented.
          expect(delivered.size).toBe(ALERTS);
          expect([...delivered.values()].map((d) => d.responseId).sort()).toEqual(
            [...responseIds].sort(),
          );
          const metrics = await fetch(`${second.url}/v1/metrics`, { headers: analyst() });
          const stats = (await metrics.json()) as {
            outbox: { pending: number; delivered: number };
          };
          expect(stats.outbox.pending).toBe(0);
          expect(stats.outbox.delivered).toBe(ALERTS);
          // At least once: the alert answered 200 right before the kill was never recorded as
          // delivered, so it came again with the same id; so may others answered just before the
          // kill landed — but only such alerts, and each at most once more.
          const repeated = [...delivered].filter(([, d]) => d.copies > 1);
          expect(repeated.length).toBeGreaterThanOrEqual(1);
          expect(repeated.every(([id]) => beforeRestart.has(id))).toBe(true);
          expect(repeated.every(([, d]) => d.copies === 2)).toBe(true);
        } finally {
          second.child.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        receiver.closeAllConnections();
        await new Promise((resolve) => receiver.close(resolve));
        await db.cleanup();
      }
    }, 60_000);
  },
);
