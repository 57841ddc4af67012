import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertRouter } from '../src/alerts/router.js';
import { createSweeper } from '../src/alerts/sweeper.js';
import { alertsAppPerTest, fakeFetch, until } from './alerts-helpers.js';
import { answer, CASE_KEYS, casesConfig, change, DAY, HOUR, json, NOW } from './cases-helpers.js';
import { analyst } from './helpers.js';

/** A local SMTP server (smtp-server) that parses and keeps every message it accepts. */
async function smtpServer(options: Partial<SMTPServerOptions> = {}) {
  const messages: Array<ParsedMail & { envelopeTo: string[] }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            ...mail,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const setup = alertsAppPerTest();

const owners = [
  { id: 'malmo-manager', name: 'Malmö manager', email: 'malmo@shop.example', units: ['malmo'] },
  {
    id: 'lund-manager',
    name: 'Lund manager',
    email: 'lund@shop.example',
    units: ['lund'],
    digest: 'weekly' as const,
  },
  { id: 'head-office', name: 'Head office', digest: 'off' as const },
  // A store with nothing going on: its digest would be all zeros, so there is none.
  { id: 'quiet', name: 'Quiet store', email: 'quiet@shop.example', units: ['quiet'] },
];

describe('e-mail through SMTP (a local smtp-server)', () => {
  it('mails "new case for you" to the store’s owner only, escaped, with a delivery id header', async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    const t = await setup(
      {
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          from: 'npskit <nps@shop.example>',
          holdSeconds: 0,
        },
        publicUrl: 'https://nps.shop.example',
      },
      { cases: { owners, fallbackOwner: 'head-office' } },
    );
    await answer(t, 2, {
      customerId: 'cust-mail',
      unit: 'malmo',
      comment: 'See https://evil.example <b>now</b>',
    });
    await until(() => smtp.messages.length === 1);
    const [mail] = smtp.messages;
    expect(mail?.envelopeTo).toEqual(['malmo@shop.example']);
    expect(mail?.from?.value).toEqual([{ address: 'nps@shop.example', name: 'npskit' }]);
    expect(mail?.subject).toBe('[npskit] New case for Malmö manager: 2/10 (detractor) — Test shop');
    expect(mail?.headers.get('x-npskit-delivery')).toMatch(/^[0-9a-f-]{36}$/);
    expect(mail?.text).toContain('Customer: cust-mail');
    expect(mail?.text).not.toContain('https://evil.example');
    expect(mail?.html).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(mail?.html).toContain('href="https://nps.shop.example/dashboard/cases/');
    await t.drained();
    expect((await t.store.alertStats(Date.now())).delivered).toBe(1);
  });

  it('a permanent SMTP refusal is not retried; a temporary one is', async () => {
    let refusals = 0;
    const smtp = await smtpServer({
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('lund')) {
          const error = Object.assign(new Error('no such mailbox'), { responseCode: 550 });
          return callback(error);
        }
        refusals += 1;
        if (refusals === 1) {
          return callback(Object.assign(new Error('try later'), { responseCode: 451 }));
        }
        callback();
      },
    });
    servers.push(smtp);
    const t = await setup(
      { smtp: { host: '127.0.0.1', port: smtp.port, from: 'nps@shop.example', holdSeconds: 0 } },
      { cases: { owners, fallbackOwner: 'head-office' } },
    );
    await answer(t, 2, { customerId: 'a', unit: 'malmo' });
    await answer(t, 2, { customerId: 'b', unit: 'lund' });
    await t.drained();
    expect(smtp.messages.map((m) => m.envelopeTo)).toEqual([['malmo@shop.example']]);
    expect(await t.store.alertStats(Date.now())).toMatchObject({ delivered: 1, failed: 1 });
    expect(t.logs).toEqual([
      'alert owner lund-manager (e-mail): case_opened not delivered after 1 attempt (SMTP 550)',
    ]);
  });

  it('mails and posts each owner’s digest once per period: NPS of their stores, new and overdue cases', async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    const { calls, fetch } = fakeFetch();
    const extra = {
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'nps@shop.example', holdSeconds: 0 },
      webhooks: [
        {
          url: 'https://hooks.example/digests',
          format: 'slack' as const,
          holdSeconds: 0,
          on: ['digest' as const],
          filter: { units: ['malmo'] },
        },
      ],
    };
    const cases = {
      owners,
      fallbackOwner: 'head-office',
      digest: { timeZone: 'Europe/Stockholm', at: '07:00' },
    };
    const t = await setup(extra, { fetch, cases });
    // Monday 2025-06-02 (NOW, 12:00 in Stockholm): three answers in Malmö, one unhappy (a case).
    await answer(t, 10, { customerId: 'p1', unit: 'malmo' });
    await answer(t, 9, { customerId: 'p2', unit: 'malmo' });
    await answer(t, 3, { customerId: 'd1', unit: 'malmo' });
    await answer(t, 1, { customerId: 'd2', unit: 'lund' });
    await t.drained(); // the new-case mails
    const newCaseMails = smtp.messages.length;

    const config = casesConfig(cases, extra);
    const sweeperAt = (at: number) =>
      createSweeper({
        store: t.store,
        config,
        router: createAlertRouter(config),
        now: () => at,
        log: () => {},
      });
    // Tuesday 07:30 local: Monday's daily digest for Malmö; Lund's weekly is not due until Monday.
    const tuesday = Date.parse('2025-06-03T05:30:00Z');
    expect(await sweeperAt(tuesday).sweep()).toMatchObject({ digests: 2 });
    expect(await sweeperAt(tuesday).sweep()).toMatchObject({ digests: 0 }); // a restart: still once
    await t.drained();
    const digests = smtp.messages.slice(newCaseMails);
    expect(digests.map((m) => [m.envelopeTo, m.subject])).toEqual([
      [['malmo@shop.example'], '[npskit] Daily digest for Malmö manager: 2025-06-02'],
    ]);
    // NPS of Malmö on Monday: 2 promoters, 1 detractor of 3 → 33; one new case; it is overdue only later.
    expect(digests[0]?.text).toContain('malmo · checkout: NPS 33 (n = 3)');
    expect(digests[0]?.text).toContain('New cases: 1');
    expect(digests[0]?.text).toContain('Overdue cases: 0');
    expect(calls.map((call) => JSON.stringify(call.json))).toEqual([
      expect.stringContaining('Daily digest for Malmö manager'),
    ]);

    // The next Monday 07:00: Lund's weekly digest for the week before, with its overdue case (and
    // Malmö's daily digest for Sunday, by mail and to the hook).
    const monday = Date.parse('2025-06-09T05:00:00Z');
    expect(await sweeperAt(monday).sweep()).toMatchObject({ digests: 3, overdue: 2 });
    await t.drained();
    expect(smtp.messages.flatMap((m) => m.envelopeTo)).not.toContain('quiet@shop.example');
    const lund = smtp.messages.find((m) => m.subject?.includes('Weekly digest'));
    expect(lund?.envelopeTo).toEqual(['lund@shop.example']);
    expect(lund?.subject).toBe('[npskit] Weekly digest for Lund manager: 2025-06-02 – 2025-06-08');
    expect(lund?.text).toContain('lund · checkout: NPS -100 (n = 1)');
    expect(lund?.text).toContain('Overdue cases: 1');
  });

  it('the overdue alert reaches the owner once, also through a restart of the sweeper', async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    const extra = {
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'nps@shop.example', holdSeconds: 0 },
    };
    const cases = { owners: owners.map((o) => ({ ...o, digest: 'off' as const })) };
    const t = await setup(extra, { cases });
    await answer(t, 4, { customerId: 'slow', unit: 'malmo' });
    const config = casesConfig(cases, extra);
    const sweep = (at: number) =>
      createSweeper({
        store: t.store,
        config,
        router: createAlertRouter(config),
        now: () => at,
        log: () => {},
      }).sweep();
    await sweep(NOW + 47 * HOUR);
    await sweep(NOW + 48 * HOUR);
    await sweep(NOW + 49 * HOUR);
    await sweep(NOW + 3 * DAY);
    await t.drained();
    t.clock.now = NOW + 3 * DAY;
    const subjects = smtp.messages.map((m) => m.subject);
    expect(subjects.filter((s) => s?.includes('Case overdue'))).toHaveLength(1);
    expect(subjects.filter((s) => s?.includes('New case'))).toHaveLength(1);
    const [overdue] = await json(
      await t.app.request('/v1/cases?overdue=true', { headers: analyst() }),
    ).then((body) => body.cases);
    // Contacting it late does not un-alert it, and it is no longer "overdue".
    await change(t, `/v1/cases/${overdue.caseId}/transition`, { to: 'contacted' }, CASE_KEYS.malmo);
    const after = await json(await t.app.request('/v1/cases?overdue=true', { headers: analyst() }));
    expect(after.cases).toEqual([]);
  });
});
