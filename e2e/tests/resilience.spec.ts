import { placeOrder } from '../fixtures/shop.js';
import { expectNoSurvey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { trackWindowErrors } from '../fixtures/window-errors.js';

test.describe('the widget fails; the checkout does not', () => {
  // The failures below are caused on purpose and logged by the browser as failed requests.
  test.use({ allowedConsoleErrors: [/Failed to load resource|ERR_FAILED|status of 500/] });

  test('the widget script fails to load: the order completes and nothing reaches window.onerror', async ({
    page,
  }) => {
    const errors = await trackWindowErrors(page);
    await page.route('**/npskit/*.js', (route) => route.abort('failed'));

    const order = await placeOrder(page);
    await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible();
    await expect(page.getByText(`Order ${order.orderId} is confirmed.`)).toBeVisible();
    await expectNoSurvey(page);
    expect(await errors.read()).toEqual([]);
  });

  test('the collector answers 500 to everything: the order completes and nothing reaches window.onerror', async ({
    page,
    collector,
  }) => {
    const errors = await trackWindowErrors(page);
    let collectorRequests = 0;
    await page.route(`${collector.url}/**`, async (route) => {
      collectorRequests += 1;
      const origin = route.request().headers().origin ?? '*';
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': origin, vary: 'Origin' },
        body: JSON.stringify({ error: 'internal', message: 'boom' }),
      });
    });

    const order = await placeOrder(page);
    await expect(page.getByText(`Order ${order.orderId} is confirmed.`)).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    expect(collectorRequests, 'the widget did try the collector').toBeGreaterThan(0);
    expect(await errors.read()).toEqual([]);
    // The shop still works after the failure: the account page renders.
    await page.getByRole('link', { name: 'My account', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
    expect(await errors.read()).toEqual([]);
  });
});
