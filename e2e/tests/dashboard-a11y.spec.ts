import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openDemoCases } from '../fixtures/cases.js';
import { READ_KEY } from '../fixtures/collector-config.js';
import { dashboardUrl, logIn, seedDemo } from '../fixtures/dashboard.js';
import { expect, test } from '../fixtures/test.js';

test.use({ allowedConsoleErrors: [/status of 401/] });

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

test('keyboard only: skip link, views, filters, sorting and the table view all work without a mouse', async ({
  page,
  collector,
}) => {
  seedDemo(collector, 35);
  await page.goto(dashboardUrl(collector));
  await expect(page.getByLabel('Read key')).toBeVisible();
  // Log in with the keyboard.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Language')).toBeFocused();
  await page.getByLabel('Read key').focus();
  await page.keyboard.type(READ_KEY);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('headline-transactional')).toBeVisible();

  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Tab to a view in the navigation and open it: focus lands on the new view's heading.
  const storesLink = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Stores & staff' });
  await storesLink.focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Stores and employees' });
  await expect(heading).toBeFocused();

  // Sort the league by n with the keyboard.
  const league = page.getByTestId('league-stores-transactional');
  const sortByN = league.getByRole('button', { name: 'n', exact: true });
  await sortByN.focus();
  await page.keyboard.press('Enter');
  await expect(league.locator('th[aria-sort="descending"]')).toContainText('n');

  // Change the period with the keyboard: the URL follows.
  await page.getByLabel('Period').focus();
  await page.keyboard.press('ArrowUp');
  await expect(page).toHaveURL(/period=7d/);

  // Open the trend's table view with the keyboard.
  const overview = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Overview' });
  await overview.focus();
  await page.keyboard.press('Enter');
  const summary = page.locator('[data-kind="transactional"] details.table-view summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-kind="transactional"] details.table-view table')).toBeVisible();

  // Every focused element shows a visible focus ring.
  const outline = await summary.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe('none');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds no serious or critical violations on every view (${colorScheme})`, async ({
    page,
    collector,
    pageServer,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    seedDemo(collector, 35);
    // Cases in every state, so the inbox and a case page are checked with content, not empty.
    const cases = await openDemoCases(collector, pageServer.url);
    const workedCase = [...cases.values()][3];
    await page.goto(dashboardUrl(collector));
    await expect(page.getByLabel('Read key')).toBeVisible();
    expect(await seriousViolations(page), 'login').toEqual([]);
    await logIn(page, collector, READ_KEY);
    for (const path of [
      '',
      'stores',
      'stores/malmo-davidshall',
      'emotions',
      'comments',
      'money',
      'reach',
      'cases',
      `cases/${workedCase}`,
    ]) {
      await page.goto(dashboardUrl(collector, path));
      await expect(page.locator('h1')).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), path || 'overview').toEqual([]);
    }
  });
}
