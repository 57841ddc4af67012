import type { Locator } from '@playwright/test';
import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';

type Box = { x: number; y: number; width: number; height: number };

async function scoreBoxes(score: (value: number) => Locator): Promise<Box[]> {
  const boxes = await Promise.all(
    Array.from({ length: 11 }, (_, value) => score(value).boundingBox()),
  );
  return boxes.map((box, value) => {
    if (!box) throw new Error(`score ${value} has no box`);
    return box;
  });
}

const rows = (boxes: Box[]) => new Set(boxes.map((box) => Math.round(box.y))).size;

for (const width of [320, 360, 390]) {
  test.describe(`phone ${width} px wide`, () => {
    test.use({ viewport: { width, height: 640 }, isMobile: true, hasTouch: true });

    test(`large tap targets in two rows (0–5 over 6–10) at ${width} px, no tap highlight`, async ({
      page,
    }) => {
      const { nps } = await placeOrderAndSeeSurvey(page);
      await page.waitForTimeout(400);
      const boxes = await scoreBoxes(nps.score);
      expect(rows(boxes)).toBe(2);
      for (const [value, box] of boxes.entries()) {
        expect(box.width, `score ${value} width`).toBeGreaterThanOrEqual(44);
        expect(box.height, `score ${value} height`).toBeGreaterThanOrEqual(44);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      // 0–5 on the first row, 6–10 on the second, in order.
      expect(boxes.slice(0, 6).every((box) => box.y === boxes[0]?.y)).toBe(true);
      expect(boxes.slice(6).every((box) => box.y === boxes[6]?.y)).toBe(true);
      expect((boxes[6]?.y ?? 0) > (boxes[0]?.y ?? 0)).toBe(true);
      // Rounded chips flash no rectangle when tapped.
      const highlight = await nps
        .score(5)
        .evaluate((element) =>
          getComputedStyle(element).getPropertyValue('-webkit-tap-highlight-color'),
        );
      expect(highlight).toBe('rgba(0, 0, 0, 0)');
    });
  });
}

for (const viewport of [
  { width: 430, height: 932 },
  { width: 1280, height: 800 },
]) {
  test.describe(`${viewport.width} px wide`, () => {
    test.use({ viewport });

    test(`keeps the one-row scale where it fits (${viewport.width} px)`, async ({ page }) => {
      const { nps } = await placeOrderAndSeeSurvey(page);
      await page.waitForTimeout(400);
      const boxes = await scoreBoxes(nps.score);
      expect(rows(boxes)).toBe(1);
      for (const box of boxes) expect(box.width).toBeGreaterThanOrEqual(30);
    });
  });
}

test.describe('a 360 × 640 phone', () => {
  test.use({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

  test('the sheet leaves the order total in sight, before and after the tap', async ({ page }) => {
    const { nps } = await placeOrderAndSeeSurvey(page);
    await page.waitForTimeout(400);
    const total = page.locator('#order-total');
    const below = async () => {
      const [totalBox, sheet] = await Promise.all([total.boundingBox(), nps.dialog.boundingBox()]);
      if (!totalBox || !sheet) throw new Error('no boxes');
      return {
        totalBottom: totalBox.y + totalBox.height,
        sheetTop: sheet.y,
        sheetHeight: sheet.height,
      };
    };
    const scale = await below();
    expect(scale.totalBottom, 'the total is above the sheet').toBeLessThanOrEqual(scale.sheetTop);
    await nps.score(9).tap();
    await expect(nps.followup).toBeVisible();
    await expect(nps.addComment).toBeVisible();
    await page.waitForTimeout(300);
    const followup = await below();
    expect(followup.totalBottom, 'still above the follow-up').toBeLessThanOrEqual(
      followup.sheetTop,
    );
  });
});

test('emotion chips draw their emoji with a colour-emoji font', async ({ page }) => {
  const { nps } = await placeOrderAndSeeSurvey(page);
  await nps.score(9).click();
  const chip = nps.emotion('Happy');
  await expect(chip).toBeVisible();
  const family = await chip
    .locator('.emoji')
    .evaluate((element) => getComputedStyle(element).fontFamily);
  expect(family).toMatch(/^"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"/);
});
