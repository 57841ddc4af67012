import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectorConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { configInput, event, post, SITE, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (into: string[]) =>
    ({
      write: (text: string, callback?: (error?: Error | null) => void) => {
        into.push(text);
        callback?.(null);
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { io: { stdout: stream(out), stderr: stream(err), env: {} }, out, err };
}

/** A shop in Stockholm with answers in two stores, in April and May 2025, sent when they happened. */
async function seeded() {
  const input = configInput();
  input.sites = input.sites.map((site) => ({ ...site, timeZone: 'Europe/Stockholm' }));
  const t = setup({ config: collectorConfigSchema.parse(input), rateLimit: false });
  const send = async (at: string, unit: string, scores: number[]) => {
    t.clock.now = Date.parse(at) + 1000;
    const events = scores.flatMap((score) => {
      const shared = {
        responseId: randomUUID(),
        at,
        respondent: { anonymousId: randomUUID() },
        context: { unit },
      };
      return [event({ ...shared, type: 'display', score: undefined }), event({ ...shared, score })];
    });
    const res = await t.app.request(
      '/v1/events',
      post({ site: SITE, sentAt: new Date(t.clock.now).toISOString(), events }),
    );
    expect(res.status).toBe(202);
  };
  await send('2025-04-10T12:00:00Z', 'malmo', [10, 10, 9]);
  await send('2025-05-10T12:00:00Z', 'malmo', [2, 3, 10]);
  await send('2025-05-31T22:30:00Z', 'lund', [8]); // 1 June in Stockholm
  const configPath = join(t.dir, 'collector.config.json');
  writeFileSync(configPath, JSON.stringify(input));
  return { t, configPath };
}

describe('summary', () => {
  it('--group-by unit,month --tz … --compare previous: per kind, per store and month, with the change', async () => {
    const { t } = await seeded();
    const run = memoryIo();
    const code = await runCli(
      [
        'summary',
        '--db',
        t.dbPath,
        '--group-by',
        'unit,month',
        '--tz',
        'Europe/Stockholm',
        '--from',
        '2025-05-01',
        '--to',
        '2025-07-01',
        '--compare',
        'previous',
      ],
      run.io,
    );
    expect(run.err.join('')).toBe('');
    expect(code).toBe(0);
    const text = run.out.join('');
    expect(text).toMatch(/^transactional\nunit\s+month\s+NPS\s+95% CI/);
    expect(text).toMatch(/before\s+change\s+change 95% CI\s+significant/);
    expect(text).toMatch(/\nlund\s+2025-06\s+0\.0\s/);
    // May in Malmö (−33.3) against March (nothing); the whole period against March–April (+100).
    expect(text).toMatch(
      /\nmalmo\s+2025-05\s+-33\.3\s+\S+\s+3\s+1\s+0\s+2\s+3\s+100\.0%\s+0\/3\s+low\s+–\s+–\s+–\s+no/,
    );
    expect(text).toMatch(/\noverall\s+-25\.0\s+\S+\s+4\s.*\s100\.0\s+-125\.0\s+\S+\s+(yes|no)\n/);
  });

  it('--tz changes the month an answer falls in', async () => {
    const { t } = await seeded();
    const local = memoryIo();
    await runCli(
      ['summary', '--db', t.dbPath, '--group-by', 'month', '--tz', 'Europe/Stockholm'],
      local.io,
    );
    expect(local.out.join('')).toMatch(/\n2025-06\s/);
    const utc = memoryIo();
    await runCli(['summary', '--db', t.dbPath, '--group-by', 'month', '--tz', 'UTC'], utc.io);
    expect(utc.out.join('')).not.toMatch(/\n2025-06\s/);
  });

  it('--weighted needs --config and uses its sampling rates', async () => {
    const { t, configPath } = await seeded();
    const missing = memoryIo();
    expect(await runCli(['summary', '--db', t.dbPath, '--weighted'], missing.io)).toBe(2);
    expect(missing.err.join('')).toMatch(/--weighted needs --config/);
    const run = memoryIo();
    expect(
      await runCli(['summary', '--db', t.dbPath, '--weighted', '--config', configPath], run.io),
    ).toBe(0);
    expect(run.out.join('')).toMatch(/weighted\s+effective n/);
  });

  it.each([
    [['--group-by', 'unit,unknownthing'], /--group-by: unknown dimension/],
    [['--tz', 'Mars/Base'], /--tz: expected an IANA time zone/],
    [['--compare', 'previous'], /--compare: compare=previous needs from/],
    [['--group-by', 'a,b,c'], /--group-by/],
  ])('a bad %j is a usage error naming the option', async (args, message) => {
    const { t } = await seeded();
    const run = memoryIo();
    expect(await runCli(['summary', '--db', t.dbPath, ...args], run.io)).toBe(2);
    expect(run.err.join('')).toMatch(message);
  });
});

describe('export', () => {
  it('--verified and --tz filter like the API', async () => {
    const { t } = await seeded();
    const verified = memoryIo();
    expect(
      await runCli(
        ['export', '--db', t.dbPath, '--verified', 'true', '--format', 'ndjson'],
        verified.io,
      ),
    ).toBe(0);
    expect(verified.out.join('')).toBe('');
    const june = memoryIo();
    await runCli(
      [
        'export',
        '--db',
        t.dbPath,
        '--from',
        '2025-06-01',
        '--tz',
        'Europe/Stockholm',
        '--format',
        'ndjson',
      ],
      june.io,
    );
    expect(june.out.join('').trim().split('\n')).toHaveLength(1);
    const utc = memoryIo();
    await runCli(
      ['export', '--db', t.dbPath, '--from', '2025-06-01', '--format', 'ndjson'],
      utc.io,
    );
    expect(utc.out.join('')).toBe('');
  });
});
