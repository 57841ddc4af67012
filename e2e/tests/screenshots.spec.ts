import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../fixtures/paths.js';
import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';

/**
 * The README links two of these from docs/screenshots/. They are copied there when missing, or
 * refreshed with NPSKIT_UPDATE_DOCS_SCREENSHOTS=1, so ordinary test runs never dirty the tree.
 */
const FOR_DOCS = new Set(['survey-desktop-light.png', 'survey-phone-dark.png']);

const VARIANTS = [
  { device: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
  { device: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
  { device: 'phone-360', viewport: { width: 360, height: 640 }, mobile: true },
  { device: 'phone-320', viewport: { width: 320, height: 568 }, mobile: true },
] as const;

function save(name: string, body: Buffer): void {
  mkdirSync(paths.screenshots, { recursive: true });
  const file = join(paths.screenshots, name);
  writeFileSync(file, body);
  const docs = join(paths.docsScreenshots, name);
  if (FOR_DOCS.has(name) && (!existsSync(docs) || process.env.NPSKIT_UPDATE_DOCS_SCREENSHOTS)) {
    mkdirSync(paths.docsScreenshots, { recursive: true });
    copyFileSync(file, docs);
  }
}

for (const variant of VARIANTS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${variant.device}, ${colorScheme}`, () => {
      test.use({
        viewport: variant.viewport,
        isMobile: variant.mobile,
        hasTouch: variant.mobile,
        colorScheme,
      });

      test(`screenshot of the survey on the confirmation page (${variant.device}, ${colorScheme})`, async ({
        page,
      }) => {
        // Same customer and order number on every run, so the images only change when the UI does.
        await page.addInitScript(() => {
          let seed = 42;
          Math.random = () => {
            seed = (seed * 16807) % 2147483647;
            return (seed - 1) / 2147483646;
          };
        });
        const { nps } = await placeOrderAndSeeSurvey(page, {
          bags: 2,
          unit: 'stockholm-sodermalm',
        });
        await page.waitForTimeout(700);
        const name = `survey-${variant.device}-${colorScheme}.png`;
        save(name, await page.screenshot({ animations: 'disabled', caret: 'hide' }));

        await nps.score(9).click();
        await expect(nps.followup).toBeVisible();
        await nps.emotion('Happy').click();
        await page.waitForTimeout(500);
        save(
          `followup-${variant.device}-${colorScheme}.png`,
          await page.screenshot({ animations: 'disabled', caret: 'hide' }),
        );
        await nps.send.click();
        await expect(nps.thanks).toBeVisible();
        save(
          `thanks-${variant.device}-${colorScheme}.png`,
          await page.screenshot({ animations: 'disabled', caret: 'hide' }),
        );
      });
    });
  }
}
