import { readFile } from 'node:fs/promises';
import { READ_KEY } from '../fixtures/collector-config.js';
import {
  dashboardUrl,
  expectHeadline,
  headlineRequest,
  logIn,
  STORE_MANAGER_KEY,
  sameQuery,
  seedDemo,
} from '../fixtures/dashboard.js';
import { expect, test } from '../fixtures/test.js';

// Before login the dashboard asks GET /v1/session and gets the 401 that means "no session yet".
test.use({ allowedConsoleErrors: [/status of 401/] });

test('log in with a read key: the overview shows the NPS, interval and n that /v1/nps returns for the same filters; the key is not kept in the browser', async ({
  page,
  collector,
}) => {
  seedDemo(collector);
  const asked = headlineRequest(page);
  await logIn(page, collector, READ_KEY);
  const api = await sameQuery(await asked, READ_KEY);
  for (const entry of api.kinds) {
    await expectHeadline(page, entry.kind as 'transactional', entry.overall);
  }
  expect(api.kinds.map((entry) => entry.kind).sort()).toEqual(['relationship', 'transactional']);

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain(READ_KEY);
  const cookies = await page.context().cookies();
  expect(cookies.some((cookie) => cookie.value.includes(READ_KEY))).toBe(false);
  expect(cookies.find((cookie) => cookie.httpOnly)).toBeDefined();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in to the npskit dashboard' })).toBeVisible();
  await page.goto(dashboardUrl(collector, 'stores'));
  await expect(page.getByRole('heading', { name: 'Log in to the npskit dashboard' })).toBeVisible();
});

test('filtering by store changes every number consistently: headline, trend and league all match the API for that store', async ({
  page,
  collector,
}) => {
  seedDemo(collector);
  await logIn(page, collector, READ_KEY);
  const asked = headlineRequest(page);
  await page.getByLabel('Store').selectOption('malmo-davidshall');
  await expect(page).toHaveURL(/unit=malmo-davidshall/);
  const request = await asked;
  expect(new URL(request.url()).searchParams.get('unit')).toBe('malmo-davidshall');
  const api = await sameQuery(request, READ_KEY);
  const transactional = api.kinds.find((entry) => entry.kind === 'transactional');
  if (!transactional) throw new Error('no transactional results');
  await expectHeadline(page, 'transactional', transactional.overall);

  // The trend's n add up to the headline's n (same filters, same period).
  const trend = page.locator('[data-kind="transactional"] details.table-view');
  await trend.locator('summary').click();
  const cells = await trend.locator('tbody tr td:nth-child(4)').allTextContents();
  const total = cells.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0);
  expect(total).toBe(transactional.overall.n);

  // The league keeps the filter: only Malmö is listed.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Stores & staff' })
    .click();
  await expect(page).toHaveURL(/\/dashboard\/stores\?unit=malmo-davidshall/);
  const league = page.getByTestId('league-stores-transactional');
  await expect(league.locator('tbody tr')).toHaveCount(1);
  await expect(league.locator('tbody tr').first()).toHaveAttribute('data-key', 'malmo-davidshall');
});

test("a store manager's key sees only its store everywhere; a URL to another store is 'not in your access'", async ({
  page,
  collector,
}) => {
  seedDemo(collector);
  const asked = headlineRequest(page);
  await logIn(page, collector, STORE_MANAGER_KEY);
  await expect(page.getByText('Access: malmo-davidshall')).toBeVisible();
  const scoped = await sameQuery(await asked, STORE_MANAGER_KEY);
  const transactional = scoped.kinds.find((entry) => entry.kind === 'transactional');
  if (!transactional) throw new Error('no transactional results');
  await expectHeadline(page, 'transactional', transactional.overall);
  // The scoped totals are Malmö's alone, not the program's.
  const everything = await sameQuery(await asked, READ_KEY);
  const all = everything.kinds.find((entry) => entry.kind === 'transactional');
  expect(all?.overall.n).toBeGreaterThan(transactional.overall.n);
  const malmo = await fetch(
    `${collector.url}/v1/nps?${new URL((await asked).url()).searchParams}&unit=malmo-davidshall`,
    { headers: { authorization: `Bearer ${READ_KEY}` } },
  ).then(
    (response) => response.json() as Promise<{ kinds: { kind: string; overall: { n: number } }[] }>,
  );
  expect(malmo.kinds.find((entry) => entry.kind === 'transactional')?.overall.n).toBe(
    transactional.overall.n,
  );

  await expect(page.getByLabel('Store')).toBeDisabled();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Stores & staff' })
    .click();
  const league = page.getByTestId('league-stores-transactional');
  await expect(league.locator('tbody tr')).toHaveCount(1);
  await expect(league.locator('tbody tr').first()).toHaveAttribute('data-key', 'malmo-davidshall');

  for (const path of ['stores/goteborg-haga', '?unit=goteborg-haga', 'comments?unit=web']) {
    await page.goto(dashboardUrl(collector, path));
    await expect(page.getByRole('heading', { name: 'Not in your access' })).toBeVisible();
    await expect(page.getByTestId('not-in-access')).toContainText('malmo-davidshall');
    await expect(page.locator('[data-field="nps"]')).toHaveCount(0);
  }
});

test('the trend shows the planted drop in Göteborg Haga as a real change, not noise', async ({
  page,
  collector,
}) => {
  seedDemo(collector);
  await logIn(page, collector, READ_KEY);
  await page.goto(dashboardUrl(collector, 'stores/goteborg-haga?period=90d'));
  const section = page.locator('section[data-kind="transactional"]');
  await expect(section.getByTestId('trend-summary')).toContainText('Real change');
  await expect(section.getByTestId('trend-summary').locator('.change-down')).toBeVisible();
  await expect(section.locator('.chart canvas')).toBeVisible();
  const table = section.locator('details.table-view');
  await table.locator('summary').click();
  // The table view says what the sentence says: its first and last periods' NPS are the ones the
  // summary compares (week-on-week changes inside it are often within noise for one store).
  const rows = table.locator('tbody tr');
  await expect(rows.last()).toBeVisible();
  const summary = (await section.getByTestId('trend-summary').textContent()) ?? '';
  for (const row of [rows.first(), rows.last()]) {
    const nps = (await row.locator('td').first().textContent()) ?? '';
    expect(summary).toContain(`(${nps})`);
  }
  // Against the 30 days before, the last 30 days are a real drop too.
  await page.goto(dashboardUrl(collector, 'stores/goteborg-haga'));
  await expect(page.getByTestId('change-transactional')).toContainText('Real change');
  await expect(page.getByTestId('change-transactional').locator('.change-down')).toBeVisible();
});

test("the export links download the current filters' responses: NDJSON and semicolon CSV", async ({
  page,
  collector,
}) => {
  seedDemo(collector, 35);
  await logIn(page, collector, READ_KEY);
  await page.goto(dashboardUrl(collector, '?period=7d&unit=malmo-davidshall'));
  await expect(page.getByTestId('headline-transactional')).toBeVisible();

  const ndjsonLink = page.getByRole('link', { name: 'NDJSON' });
  const href = (await ndjsonLink.getAttribute('href')) ?? '';
  expect(new URL(href, collector.url).searchParams.get('unit')).toBe('malmo-davidshall');
  const [ndjson] = await Promise.all([page.waitForEvent('download'), ndjsonLink.click()]);
  const lines = (await readFile((await ndjson.path()) ?? '', 'utf8')).trim().split('\n');
  const rows = lines.map((line) => JSON.parse(line) as { context: { unit?: string } });
  expect(rows.length).toBeGreaterThan(20);
  expect(rows.every((row) => row.context.unit === 'malmo-davidshall')).toBe(true);
  const api = await fetch(new URL(href, collector.url), {
    headers: { authorization: `Bearer ${READ_KEY}` },
  }).then((response) => response.text());
  expect(api.trim().split('\n')).toHaveLength(rows.length);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV (semicolon, for Excel in Swedish)' }).click(),
  ]);
  const text = await readFile((await csv.path()) ?? '', 'utf8');
  expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^response_id;survey_id;/);
  expect(text.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
});

test.describe('a Swedish browser', () => {
  test.use({ locale: 'sv-SE' });

  test('gets the dashboard in Swedish, and can switch to English', async ({ page, collector }) => {
    seedDemo(collector, 35);
    await page.goto(dashboardUrl(collector));
    await expect(page.getByRole('heading', { name: 'Logga in på npskit-panelen' })).toBeVisible();
    await page.getByLabel('Läsnyckel').fill(READ_KEY);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { name: 'Transaktionsundersökningar' })).toBeVisible();
    await page.getByLabel('Språk').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
