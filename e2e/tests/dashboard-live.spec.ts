import { READ_KEY } from '../fixtures/collector-config.js';
import { countText, dashboardUrl, logIn, seedDemo } from '../fixtures/dashboard.js';
import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';

test.use({ allowedConsoleErrors: [/status of 401/] });

test('an answer given in the demo shop appears on the open dashboard within 5 s, without a reload', async ({
  page,
  context,
  collector,
}) => {
  seedDemo(collector, 35);
  await logIn(page, collector, READ_KEY);
  await page.goto(dashboardUrl(collector, '?unit=stockholm-sodermalm'));
  await expect(page.getByTestId('live-status')).toContainText('Live');
  const n = page.getByTestId('headline-transactional').locator('[data-field="n"]');
  await expect(n).toHaveText(/^n = [\d,]+$/);
  const before = Number(((await n.textContent()) ?? '').replace(/\D/g, ''));
  const loads: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads.push(frame.url());
  });

  const shop = await context.newPage();
  const { nps } = await placeOrderAndSeeSurvey(shop, { unit: 'stockholm-sodermalm' });
  const stored = shop.waitForResponse(
    (response) => response.url().endsWith('/v1/events') && response.status() === 202,
  );
  await nps.score(3).click();
  await stored;
  const answeredAt = Date.now();
  await expect(n).toHaveText(`n = ${countText(before + 1)}`, { timeout: 5000 });
  expect(Date.now() - answeredAt).toBeLessThan(5000);
  expect(loads).toEqual([]);
});
