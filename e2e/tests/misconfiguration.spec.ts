import { npskitWarnings, requestedPaths } from '../fixtures/console.js';
import { hostQuery, placeOrder } from '../fixtures/shop.js';
import { expectNoSurvey, survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

/** What the widget keeps in IndexedDB under `key` (undefined without the database or the key). */
function stored(page: import('@playwright/test').Page, key: string) {
  return page.evaluate(
    (name) =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('npskit');
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('kv').objectStore('kv').get(name);
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
        };
        open.onerror = () => resolve(undefined);
      }),
    key,
  );
}

test.describe("the collector does not allow the page's origin", () => {
  test.use({
    originAllowed: false,
    allowedConsoleErrors: [/status of 403|Failed to load resource|ERR_FAILED/],
  });

  test('one warning names the origin and the config key; nothing shown, nothing kept', async ({
    page,
    baseURL,
  }) => {
    // An answer an earlier page left queued (it can never be delivered from this origin).
    await page.route('**/npskit/npskit.js', (route) => route.abort());
    await page.goto('/e2e/plain.html');
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('npskit');
          open.onupgradeneeded = () => open.result.createObjectStore('kv');
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put([{ e: { id: 'left-behind' }, t: Date.now() }], 'queue');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
    );
    expect(await stored(page, 'queue')).toHaveLength(1);
    await page.unroute('**/npskit/npskit.js');
    const warnings = npskitWarnings(page);
    const paths = requestedPaths(page);
    await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-origin', order: 'NC-80001' })}`);
    await expectNoSurvey(page);
    expect(warnings()).toEqual([
      `[npskit] add ${baseURL} to the "origins" of site pk_demo_shop_0001 in the collector config; npskit is off`,
    ]);
    expect(paths().filter((path) => path.endsWith('/npskit-ui.js'))).toEqual([]);
    expect(await stored(page, 'queue')).toBeUndefined();
    expect(await stored(page, 'profile')).toBeUndefined();
  });
});

test('a secret rk_ key pasted into data-site: a loud warning and not one request', async ({
  page,
}) => {
  const warnings = npskitWarnings(page);
  const paths = requestedPaths(page);
  await page.goto(
    `/e2e/secret-key.html${hostQuery({ customer: 'cust-secret', order: 'NC-80002' })}`,
  );
  await expectNoSurvey(page);
  expect(warnings()).toEqual([
    '[npskit] data-site is a SECRET key: delete it from the page, rotate it, use pk_; npskit is off',
  ]);
  expect(paths().filter((path) => path.startsWith('/v1/'))).toEqual([]);
});

test.describe('an automated browser', () => {
  test.use({ botsAllowed: false });

  test('sees no survey and never downloads the UI (tests opt in with bots: allow)', async ({
    page,
  }) => {
    const warnings = npskitWarnings(page);
    const paths = requestedPaths(page);
    await placeOrder(page);
    await expectNoSurvey(page);
    expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
    expect(paths().filter((path) => path.endsWith('/npskit-ui.js'))).toEqual([]);
    expect(paths().filter((path) => path.startsWith('/v1/'))).toEqual([]);
    expect(warnings()).toEqual([
      "[npskit] bot or automated browser (tests: init({ bots: 'allow' })); npskit is off",
    ]);
  });
});

test('Global Privacy Control on: as without consent — nothing stored, sent or shown until consent(true)', async ({
  page,
  analyst,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
  });
  const paths = requestedPaths(page);
  await page.goto(`/e2e/plain.html${hostQuery({ customer: 'cust-gpc', order: 'NC-80003' })}`);
  await expectNoSurvey(page);
  expect(paths().filter((path) => path.startsWith('/v1/'))).toEqual([]);
  expect(
    await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)),
  ).not.toContain('npskit');
  // The visitor consents explicitly in the site's consent manager: that is consent.
  await page.evaluate(() =>
    (window as unknown as { npskit: { consent(x: boolean): void } }).npskit.consent(true),
  );
  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  await nps.score(6).click();
  await waitForCsvRow(analyst, (row) => row.order_id === 'NC-80003' && row.score === '6', 'stored');
});
