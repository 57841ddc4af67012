import { npskitWarnings, requestedPaths } from '../fixtures/console.js';
import { hostQuery } from '../fixtures/shop.js';
import { expectNoSurvey, survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';
import { trackWindowErrors } from '../fixtures/window-errors.js';

/** e2e/pages/patched.html with these patches of e2e/pages/patch-builtins.js, as this customer. */
const patched = (patch: string, customer: string, order: string) =>
  `/e2e/patched.html${hostQuery({ customer, order })}&patch=${patch}`;

test('old-library patches (toJSON on prototypes, enumerable junk, no Promise.finally, a fetch wrapper): an identified customer answers and the export is right', async ({
  page,
  analyst,
}) => {
  const errors = await trackWindowErrors(page);
  const warnings = npskitWarnings(page);
  await page.goto(patched('prototype,enumerable,nofinally,wrapfetch', 'cust-patched', 'NC-70001'));
  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  await nps.score(4).click();
  await nps.emotion('Frustrated').click();
  await nps.comment.fill('Long queue at the till');
  await nps.send.click();
  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.order_id === 'NC-70001' && entry.comment !== '',
    'the answer made on the patched page is stored intact',
  );
  expect(row).toMatchObject({
    score: '4',
    category: 'detractor',
    emotion: 'frustrated',
    comment: 'Long queue at the till',
    customer_id: 'cust-patched',
    unit: 'stockholm-sodermalm',
    currency: 'SEK',
  });
  // The page's own fetch wrapper saw the widget's requests (they go through the page's fetch).
  expect(
    await page.evaluate(() => (window as { __monitored?: number }).__monitored),
  ).toBeGreaterThan(0);
  expect(await errors.read()).toEqual([]);
  expect(warnings()).toEqual([]);
});

test('a JSON.stringify that does not produce JSON: the widget stays off with one warning and sends nothing', async ({
  page,
}) => {
  const warnings = npskitWarnings(page);
  const paths = requestedPaths(page);
  const errors = await trackWindowErrors(page);
  await page.goto(patched('brokenjson', 'cust-json', 'NC-70002'));
  await expectNoSurvey(page);
  expect(warnings()).toEqual(['[npskit] JSON.stringify is broken on this page; npskit is off']);
  expect(paths().filter((path) => path.startsWith('/v1/'))).toEqual([]);
  expect(paths().some((path) => path.endsWith('/npskit-ui.js'))).toBe(false);
  expect(await errors.read()).toEqual([]);
});

test.describe('a fetch wrapper that drops the request options (every call becomes a GET)', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: .* 404/] });

  test('the answer is not lost: kept with one warning, then delivered from a page whose fetch works', async ({
    page,
    analyst,
  }) => {
    const warnings = npskitWarnings(page);
    await page.goto(patched('brokenfetch', 'cust-broken-fetch', 'NC-70003'));
    const nps = survey(page);
    await expect(nps.dialog).toBeVisible();
    await nps.score(9).click();
    await expect
      .poll(warnings, { message: 'one warning naming the refused request' })
      .toContainEqual(
        expect.stringMatching(/^\[npskit\] collector refused .*\/v1\/events: 404 not_found$/),
      );
    expect((await analyst.csv()).filter((row) => row.score !== '')).toEqual([]);
    // Kept: the answer is in the widget's queue in IndexedDB (waited for, so leaving the page below
    // can't race the queue write of the tap).
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<string[]>((resolve) => {
              const open = indexedDB.open('npskit');
              open.onsuccess = () => {
                const read = open.result.transaction('kv').objectStore('kv').get('queue');
                read.onsuccess = () => {
                  open.result.close();
                  resolve(
                    ((read.result ?? []) as Array<{ e: { type: string } }>).map(
                      (item) => item.e.type,
                    ),
                  );
                };
              };
            }),
        ),
      )
      .toContain('answer');

    // The same visitor on another page of the site, where fetch is the browser's own.
    await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-broken-fetch' })}`);
    const row = await waitForCsvRow(
      analyst,
      (entry) => entry.order_id === 'NC-70003' && entry.score !== '',
      'the kept answer is replayed and stored',
    );
    expect(row.score).toBe('9');
  });
});

test.describe('a host element with id="npskit"', () => {
  // No queue made before the page (the bots opt-in would make one and hide the problem): the page
  // starts from nothing, as a real one does, and the automated browser looks like a person instead.
  test.use({
    botsAllowed: false,
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  });

  test('the host page has its own element with id="npskit": the README snippet and the widget still work', async ({
    page,
    analyst,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
    });
    const errors = await trackWindowErrors(page);
    await page.goto('/e2e/div-id.html');
    const nps = survey(page);
    await expect(nps.dialog).toBeVisible();
    await nps.score(10).click();
    await waitForCsvRow(
      analyst,
      (row) => row.order_id === 'NC-70004' && row.score === '10',
      'stored',
    );
    await expect(page.locator('#npskit')).toHaveText('Rate us on the survey below!');
    expect(await errors.read()).toEqual([]);
  });
});

test.describe('a tampered UI chunk', () => {
  test.use({ allowedConsoleErrors: [/integrity/i] });

  test('is refused by its integrity hash; no survey, and the page works on', async ({ page }) => {
    const errors = await trackWindowErrors(page);
    const warnings = npskitWarnings(page);
    await page.route('**/npskit/npskit-ui.js', async (route) => {
      const original = await route.fetch();
      const body = `${await original.text()}\n;document.title='tampered';`;
      await route.fulfill({ response: original, body });
    });
    await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-tamper', order: 'NC-70005' })}`);
    await expectNoSurvey(page);
    expect(await page.title()).toBe('Plain host');
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^\[npskit\] Error: .*npskit-ui\.js not loaded \(network, CSP or integrity\); no survey$/,
      ),
    ]);
    await page.getByRole('button', { name: 'Continue shopping' }).click();
    expect(await errors.read()).toEqual([]);
  });
});

test('no request the widget makes carries the host’s cookies, also the one sent as the page closes', async ({
  page,
  context,
  collector,
  pageServer,
  analyst,
}) => {
  const { startRecordingProxy } = await import('../fixtures/recording-proxy.js');
  const proxy = await startRecordingProxy(collector.url);
  try {
    pageServer.setCollectorUrl(proxy.url);
    // The host's session cookie: same site as the collector here (cookies ignore ports).
    await context.addCookies([
      { name: 'host_session', value: 's3cret', domain: '127.0.0.1', path: '/', sameSite: 'Lax' },
    ]);
    // Answers stay unacknowledged for a while, so closing the page has something to send.
    proxy.delay('/v1/events', 1500);
    await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-cookie', order: 'NC-70006' })}`);
    expect(await page.evaluate(() => document.cookie)).toContain('host_session=s3cret');
    const nps = survey(page);
    await expect(nps.dialog).toBeVisible();
    await nps.score(8).click();
    await page.waitForTimeout(200);
    await page.close({ runBeforeUnload: true });
    await waitForCsvRow(
      analyst,
      (row) => row.order_id === 'NC-70006' && row.score === '8',
      'stored',
    );
    const toCollector = proxy.requests.filter((request) => request.path.startsWith('/v1/'));
    const answers = toCollector.filter(
      (request) => request.path === '/v1/events' && request.body.includes('"answer"'),
    );
    // The page's regular send of the answer waited behind the slow display send and never left:
    // the answer that arrived is the one sent as the page closed.
    expect(answers.length, 'the answer was sent as the page closed').toBeGreaterThan(0);
    expect(toCollector.map((request) => request.headers.cookie)).toEqual(
      toCollector.map(() => undefined),
    );
  } finally {
    await proxy.close();
  }
});

test.describe('offline', () => {
  test.use({ allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to load resource/] });

  test('back online: what waited goes out within about a second', async ({
    page,
    context,
    analyst,
  }) => {
    // A long backoff: every random draw at its maximum.
    await page.addInitScript(() => {
      Math.random = () => 0.999;
    });
    await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-offline', order: 'NC-70007' })}`);
    const nps = survey(page);
    await expect(nps.dialog).toBeVisible();
    await context.setOffline(true);
    await nps.score(7).click();
    // Two failed tries (after ~1 s and ~3 s); the next one would come ~4 s later.
    await page.waitForTimeout(4000);
    await context.setOffline(false);
    const back = Date.now();
    await waitForCsvRow(
      analyst,
      (row) => row.order_id === 'NC-70007' && row.score === '7',
      'stored',
      5000,
    );
    expect(Date.now() - back).toBeLessThan(1500);
  });
});
