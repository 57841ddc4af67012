import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { readCsv } from '../src/cli/csv-read.js';
import { runCli } from '../src/cli/run-cli.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { configInput, SECRET, SECRET_B, tempDir } from './helpers.js';
import { ASSETS } from './invitation-helpers.js';

const ENV = { NPSKIT_SITE_SECRETS: `${SECRET},${SECRET_B}` };

/** Runs the CLI in-process; returns exit code, stdout and stderr. */
async function invite(args: string[], env: Record<string, string> = ENV) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const code = await runCli(['invite', ...args], { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

// A mailer's export: its own columns around ours, a quoted comma, a phone number, Swedish text.
const CUSTOMERS = [
  'email,first_name,customer_id,locale,unit,segment,context_tier,phone,note',
  'ada@example.com,Ada,cust-1,sv,malmo,gold,3,+46701234567,"Likes ""fika"", oat milk"',
  'nils@example.com,Nils,cust-2,en,stockholm,,,+46709876543,',
  'maja@example.com,Maja,cust-1,sv,malmo,,,,duplicate of Ada',
  'amir@example.com,Amir,,sv,,,,,no id',
  'freja@example.com,Freja,cust-3,xx yy,,,,,bad locale',
  '',
].join('\r\n');

let dir: string;
let cleanup: () => void;
let configPath: string;
let db: string;
let csvPath: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  configPath = join(dir, 'config.json');
  db = join(dir, 'npskit.db');
  csvPath = join(dir, 'customers.csv');
  writeFileSync(
    configPath,
    JSON.stringify({ ...configInput(), publicUrl: 'https://nps.shop.example/' }),
  );
  writeFileSync(csvPath, CUSTOMERS);
  await openSqliteStore(db).close();
});
afterEach(() => cleanup());

const base = () => ['--config', configPath, '--db', db, '--survey', 'relationship'];

describe('npskit-collector invite: the CSV round trip', () => {
  it('writes the mailer’s rows back unchanged, with a status, a reason and the links per row', async () => {
    const out = join(dir, 'invitations.csv');
    const result = await invite([...base(), '--csv', csvPath, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('invited 2, ineligible 0, rejected 3');
    const input = readCsv(CUSTOMERS);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const output = readCsv(text);
    // The input's columns come first, every value exactly as it was.
    expect(output.header.slice(0, input.header.length)).toEqual(input.header);
    expect(output.rows.map((row) => row.slice(0, input.header.length))).toEqual(input.rows);
    const rows = output.rows.map((row) =>
      Object.fromEntries(output.header.map((name, index) => [name, row[index] ?? ''])),
    );
    expect(rows.map((row) => [row.npskit_status, row.npskit_reason])).toEqual([
      ['invited', ''],
      ['invited', ''],
      ['rejected', 'customerId: duplicate'],
      ['rejected', 'customer_id: missing'],
      ['rejected', 'locale: invalid_format'],
    ]);
    const [ada] = rows;
    expect(ada?.npskit_link).toMatch(/^https:\/\/nps\.shop\.example\/s\/i1\./);
    for (let score = 0; score <= 10; score += 1) {
      expect(ada?.[`npskit_score_${score}`]).toBe(`${ada?.npskit_link}?score=${score}`);
    }
    expect(ada?.npskit_expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(ada?.npskit_response_id).toMatch(/^[0-9a-f-]{36}$/);

    // The link works on the collector that serves this database, with Ada's context.
    const store = openSqliteStore(db);
    try {
      const app = createApp({
        store,
        config: collectorConfigSchema.parse(configInput()),
        siteSecrets: new Map([['pk_test_shop_0001', SECRET]]),
        hostedAssets: ASSETS,
      });
      const path = new URL(ada?.npskit_link ?? '').pathname;
      const page = await app.request(`${path}?score=9`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="sv"');
      const invitation = await store.invitation(ada?.npskit_invitation_id ?? '');
      expect(invitation).toMatchObject({
        customerId: 'cust-1',
        locale: 'sv',
        channel: 'email',
        createdBy: 'cli',
        context: { unit: 'malmo', touchpoint: null },
      });
      expect({ ...invitation?.context.custom }).toEqual({ segment: 'gold', tier: '3' });
    } finally {
      await store.close();
    }
  });

  it('run again on its own output: the same customers are now ineligible, the npskit columns replaced', async () => {
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    await invite([...base(), '--csv', csvPath, '--out', first]);
    const result = await invite([...base(), '--csv', first, '--out', second]);
    expect(result.stderr).toContain('invited 0, ineligible 2 (quarantine_min_gap 2), rejected 3');
    const output = readCsv(readFileSync(second, 'utf8'));
    expect(output.header.filter((name) => name === 'npskit_status')).toHaveLength(1);
    expect(output.header.filter((name) => name.startsWith('npskit_'))).toHaveLength(17);
    expect(output.rows[0]?.[output.header.indexOf('npskit_link')]).toBe('');
  });

  it('keeps a semicolon file semicolon; writes the e-mail fragment per locale with merge tags', async () => {
    const semicolon = join(dir, 'semicolon.csv');
    writeFileSync(
      semicolon,
      '\uFEFFcustomer_id;locale;namn\r\ncust-7;sv;"Åsa; Berg"\r\ncust-8;en;Bo\r\n',
    );
    const fragments = join(dir, 'fragments');
    const result = await invite([
      ...base(),
      '--csv',
      semicolon,
      '--fragments',
      fragments,
      '--merge-tag',
      '*|%s|*',
    ]);
    expect(result.code).toBe(0);
    const [header, first] = result.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.startsWith('customer_id;locale;namn;npskit_status;')).toBe(true);
    expect(first?.startsWith('cust-7;sv;"Åsa; Berg";invited;;https://')).toBe(true);
    for (const locale of ['sv', 'en']) {
      const file = join(fragments, `relationship.${locale}.html`);
      expect(existsSync(file)).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('href="*|npskit_link|*?score=0"');
      expect(html).toContain('href="*|npskit_link|*?score=10"');
      expect(html).toContain('src="*|npskit_link|*/o.gif"');
    }
    expect(readFileSync(join(fragments, 'relationship.sv.html'), 'utf8')).toContain(
      'Hur troligt är det',
    );
  });

  it('--dry-run explains and creates nothing; --html adds each customer’s fragment', async () => {
    const dry = await invite([...base(), '--csv', csvPath, '--dry-run']);
    expect(dry.stderr).toContain('would invite 2');
    expect(dry.stdout).not.toContain('https://');
    const real = await invite([...base(), '--csv', csvPath, '--html']);
    const output = readCsv(real.stdout);
    const html = output.rows[0]?.[output.header.indexOf('npskit_html')] ?? '';
    expect(html).toContain('?score=9');
    expect(real.stderr).toContain('invited 2');
  });

  it('prints its help (and the CLI lists it)', async () => {
    const help = await invite(['--help']);
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringMatching(/^Usage: npskit-collector invite/),
    ]);
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    await runCli(['--help'], { stdout, stderr: new PassThrough(), env: {} });
    expect(text).toMatch(/invite {8}invite a CSV of customers/);
  });

  it('usage errors exit 2 and name the option; a batch the collector refuses exits 1', async () => {
    writeFileSync(configPath, JSON.stringify(configInput()));
    expect((await invite([...base(), '--csv', csvPath])).stderr).toMatch(/--base-url/);
    const url = ['--base-url', 'https://nps.example'];
    expect((await invite([...base(), ...url])).code).toBe(2);
    expect((await invite([...base(), ...url, '--csv', csvPath, '--channel', 'sms'])).code).toBe(2);
    expect((await invite([...base(), ...url, '--csv', csvPath, '--expires-days', '91'])).code).toBe(
      2,
    );
    const noId = join(dir, 'no-id.csv');
    writeFileSync(noId, 'email\r\na@example.com\r\n');
    expect((await invite([...base(), ...url, '--csv', noId])).stderr).toMatch(/customer_id/);
    const transactional = await invite([
      '--config',
      configPath,
      '--db',
      db,
      '--survey',
      'checkout',
      '--site',
      'pk_test_shop_0001',
      ...url,
      '--csv',
      csvPath,
    ]);
    expect([transactional.code, transactional.stderr]).toEqual([
      1,
      expect.stringMatching(/relationship surveys/),
    ]);
    expect(
      (await invite([...base(), ...url, '--csv', csvPath, '--db', join(dir, 'nope.db')])).code,
    ).toBe(1);
  });
});
