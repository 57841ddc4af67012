import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDemoCases } from '../fixtures/cases.js';
import { READ_KEY } from '../fixtures/collector-config.js';
import { dashboardUrl, logIn, seedDemo } from '../fixtures/dashboard.js';
import { paths } from '../fixtures/paths.js';
import { expect, test } from '../fixtures/test.js';

test.use({ allowedConsoleErrors: [/status of 401/] });

/**
 * Dashboard screenshots for the README (docs/screenshots/dashboard-*.png): copied there when
 * missing, or refreshed with NPSKIT_UPDATE_DOCS_SCREENSHOTS=1, so ordinary runs never dirty the tree.
 */
function save(name: string, body: Buffer): void {
  mkdirSync(paths.screenshots, { recursive: true });
  const file = join(paths.screenshots, name);
  writeFileSync(file, body);
  const docs = join(paths.docsScreenshots, name);
  if (!existsSync(docs) || process.env.NPSKIT_UPDATE_DOCS_SCREENSHOTS) {
    mkdirSync(paths.docsScreenshots, { recursive: true });
    copyFileSync(file, docs);
  }
}

const VARIANTS = [
  { device: 'desktop', viewport: { width: 1280, height: 900 }, mobile: false },
  { device: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
] as const;

for (const variant of VARIANTS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`dashboard ${variant.device}, ${colorScheme}`, () => {
      test.use({
        viewport: variant.viewport,
        isMobile: variant.mobile,
        hasTouch: variant.mobile,
        colorScheme,
      });

      test(`screenshots of the overview, a store and the cases inbox (${variant.device}, ${colorScheme})`, async ({
        page,
        collector,
        pageServer,
      }) => {
        seedDemo(collector, 90);
        await openDemoCases(collector, pageServer.url);
        await logIn(page, collector, READ_KEY);
        await expect(page.locator('.chart canvas').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        save(
          `dashboard-overview-${variant.device}-${colorScheme}.png`,
          await page.screenshot({ animations: 'disabled', caret: 'hide' }),
        );
        await page.goto(dashboardUrl(collector, 'stores/goteborg-haga'));
        await expect(page.locator('.chart canvas').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        save(
          `dashboard-store-${variant.device}-${colorScheme}.png`,
          await page.screenshot({
            animations: 'disabled',
            caret: 'hide',
            fullPage: !variant.mobile,
          }),
        );
        await page.goto(dashboardUrl(collector, 'cases'));
        await expect(page.getByTestId('case-table')).toBeVisible();
        await page.waitForLoadState('networkidle');
        save(
          `dashboard-cases-${variant.device}-${colorScheme}.png`,
          await page.screenshot({ animations: 'disabled', caret: 'hide' }),
        );
      });
    });
  }
}
