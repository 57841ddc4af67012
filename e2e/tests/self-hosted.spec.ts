import { spawnSync } from 'node:child_process';
import { SITE_KEY } from '../fixtures/collector-config.js';
import { paths } from '../fixtures/paths.js';
import { hostQuery } from '../fixtures/shop.js';
import { survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

test('the snippet `npskit-collector snippet` prints loads the widget from the collector, integrity-checked, on another origin', async ({
  page,
  collector,
  pageServer,
  analyst,
}) => {
  const printed = spawnSync(
    process.execPath,
    [
      paths.collectorCli,
      'snippet',
      '--site',
      SITE_KEY,
      '--url',
      collector.url,
      '--config',
      collector.configPath,
    ],
    { encoding: 'utf8' },
  );
  expect(printed.status, printed.stderr).toBe(0);
  expect(printed.stderr).toBe(`pages must be served from one of: ${pageServer.url}\n`);
  pageServer.setSnippet(printed.stdout);

  const loaded: Array<{ url: string; type: string }> = [];
  page.on('response', (response) => {
    if (response.url().includes('/widget/')) {
      loaded.push({ url: response.url(), type: response.headers()['content-type'] ?? '' });
    }
  });
  await page.goto(
    `/e2e/self-hosted.html${hostQuery({ customer: 'cust-self', order: 'NC-90001' })}`,
  );
  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  await nps.score(9).click();
  await waitForCsvRow(analyst, (row) => row.order_id === 'NC-90001' && row.score === '9', 'stored');

  // Both files came from the collector's versioned path, as JavaScript.
  expect(loaded.map((entry) => new URL(entry.url).pathname)).toEqual([
    expect.stringMatching(/^\/widget\/\d+\.\d+\.\d+\/npskit\.js$/),
    expect.stringMatching(/^\/widget\/\d+\.\d+\.\d+\/npskit-ui\.js$/),
  ]);
  expect(loaded.every((entry) => entry.url.startsWith(collector.url))).toBe(true);
  expect(loaded.every((entry) => entry.type === 'text/javascript; charset=utf-8')).toBe(true);
});

test.describe('a snippet whose integrity does not match the served loader', () => {
  test.use({ allowedConsoleErrors: [/integrity/i] });

  test('the browser refuses the loader; the page is unaffected', async ({
    page,
    collector,
    pageServer,
  }) => {
    const printed = spawnSync(
      process.execPath,
      [paths.collectorCli, 'snippet', '--site', SITE_KEY, '--url', collector.url],
      { encoding: 'utf8' },
    );
    pageServer.setSnippet(
      printed.stdout.replace(/integrity="sha384-[^"]+"/, `integrity="sha384-${'A'.repeat(64)}"`),
    );
    await page.goto(
      `/e2e/self-hosted.html${hostQuery({ customer: 'cust-self-2', order: 'NC-90002' })}`,
    );
    await page.waitForLoadState('networkidle');
    await expect(page.locator('[data-npskit-host]')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Thanks for your order' })).toBeVisible();
  });
});
