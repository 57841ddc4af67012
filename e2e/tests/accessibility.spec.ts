import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { hostQuery, placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

/** The accessible name of the element focused inside the widget's shadow root, if any. */
function focusedInWidget(page: Page) {
  return page.evaluate(() => {
    const host = document.activeElement;
    if (!host?.hasAttribute('data-npskit-host')) return null;
    const inner = host.shadowRoot?.activeElement;
    if (!inner) return null;
    return {
      role: inner.getAttribute('role'),
      name: (inner.getAttribute('aria-label') ?? inner.textContent ?? '').trim(),
    };
  });
}

test('keyboard only: Tab reaches the scale, arrows move, Enter answers, Escape closes', async ({
  page,
  analyst,
}) => {
  const { order, nps } = await placeOrderAndSeeSurvey(page);
  // Showing the survey does not take focus away from wherever the customer was.
  expect(await focusedInWidget(page)).toBeNull();

  let focused = await focusedInWidget(page);
  for (let presses = 0; presses < 40 && focused?.role !== 'radio'; presses += 1) {
    await page.keyboard.press('Tab');
    focused = await focusedInWidget(page);
  }
  expect(focused?.role, 'Tab reaches a score button').toBe('radio');

  const start = Number(focused?.name);
  expect(Number.isInteger(start)).toBe(true);
  const target = 6;
  const key = target > start ? 'ArrowRight' : 'ArrowLeft';
  for (let step = 0; step < Math.abs(target - start); step += 1) await page.keyboard.press(key);
  await expect(nps.score(target)).toBeFocused();
  // Arrows only move: nothing is answered until Enter.
  await page.waitForTimeout(300);
  expect((await analyst.csv()).filter((row) => row.score !== '')).toHaveLength(0);

  await page.keyboard.press('Enter');
  await waitForCsvRow(
    analyst,
    (row) => row.order_id === order.orderId && row.score === String(target),
    'the score chosen with the keyboard is stored',
  );
  await page.keyboard.press('Escape');
  await expect(nps.dialog).toHaveCount(0);
});

test('Escape dismisses the survey before answering', async ({ page, analyst }) => {
  const { nps } = await placeOrderAndSeeSurvey(page);
  await nps.score(5).focus();
  await page.keyboard.press('Escape');
  await expect(nps.dialog).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  const summary = await analyst.nps();
  expect(summary.overall.displays).toBe(1);
  expect(summary.overall.answers).toBe(0);
});

test('axe-core finds no serious or critical violations in the survey, before and after the tap', async ({
  page,
}) => {
  const { nps } = await placeOrderAndSeeSurvey(page);
  const scan = async () => {
    const results = await new AxeBuilder({ page }).include('[data-npskit-host]').analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
  };
  expect(await scan(), 'the scale').toEqual([]);
  await nps.score(9).click();
  await expect(nps.comment).toBeVisible();
  expect(await scan(), 'the emotion and comment step').toEqual([]);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the survey is a bottom sheet with 11 large tappable scores', async ({ page, analyst }) => {
    const { order, nps } = await placeOrderAndSeeSurvey(page);
    await page.waitForTimeout(600);
    const viewport = page.viewportSize() ?? { width: 390, height: 844 };
    const sheet = await nps.dialog.boundingBox();
    expect(sheet, 'the dialog has a box').not.toBeNull();
    if (!sheet) return;
    expect(sheet.y + sheet.height, 'anchored to the bottom edge').toBeGreaterThan(
      viewport.height - 2,
    );
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(viewport.height + 1);
    expect(sheet.width, 'full width').toBeGreaterThan(viewport.width * 0.9);

    const boxes = await Promise.all(
      Array.from({ length: 11 }, (_, score) => nps.score(score).boundingBox()),
    );
    for (const [score, box] of boxes.entries()) {
      expect(box, `score ${score} is laid out`).not.toBeNull();
      if (!box) continue;
      expect(box.x, `score ${score} inside the screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // Two rows at this width (see layout.spec.ts), so each target can be 44 px square.
      expect(box.width, `score ${score} target size`).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }

    await nps.score(8).tap();
    await waitForCsvRow(
      analyst,
      (row) => row.order_id === order.orderId && row.score === '8',
      'the tapped score is stored',
    );
  });
});

test('Swedish host page (lang="sv"): the survey speaks Swedish', async ({ page, analyst }) => {
  await page.goto(`/e2e/sv.html${hostQuery({ customer: 'kund-1', order: 'NC-50001' })}`);
  const nps = survey(page, 'sv');
  await expect(nps.dialog).toBeVisible();
  await expect(nps.scale).toBeVisible();
  await expect(nps.dialog).toContainText(nps.texts.low);
  await expect(nps.dialog).toContainText(nps.texts.high);
  await expect(nps.close).toBeVisible();

  await nps.score(10).click();
  await expect(nps.comment).toBeVisible();
  await expect(nps.send).toBeVisible();
  await nps.skip.click();
  await expect(nps.thanks).toBeVisible();

  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.order_id === 'NC-50001' && entry.score === '10',
    'the Swedish answer is stored',
  );
  expect(row.locale).toMatch(/^sv/);
});
