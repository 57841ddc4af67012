import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

test.describe('collector unreachable while the customer answers', () => {
  // The browser logs each refused connection; that is the point of this test.
  test.use({
    allowedConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/],
  });

  test('the answer arrives once the collector is back, stored exactly once', async ({
    page,
    collector,
    analyst,
  }) => {
    const { order, nps } = await placeOrderAndSeeSurvey(page);

    await collector.stop();
    await nps.score(3).click();
    // The widget carries on as if nothing happened: the follow-up step is offered.
    await expect(nps.comment).toBeVisible();
    await page.waitForTimeout(1500);

    await collector.restart();
    // Next visit: the queued answer is replayed from IndexedDB.
    await page.reload();
    const row = await waitForCsvRow(
      analyst,
      (entry) => entry.order_id === order.orderId && entry.score !== '',
      'the queued answer reaches the collector after it is back',
    );
    expect(row).toMatchObject({ score: '3', category: 'detractor', customer_id: order.customerId });

    // Another visit must not store it twice.
    await page.reload();
    await page.waitForLoadState('networkidle');
    const rows = (await analyst.csv()).filter((entry) => entry.order_id === order.orderId);
    expect(rows).toHaveLength(1);
    const summary = await analyst.nps();
    expect(summary.overall.answers).toBe(1);
    expect(summary.overall.detractors).toBe(1);
  });
});

test('the page is closed right after the tap: the answer still arrives', async ({
  page,
  analyst,
}) => {
  const { order, nps } = await placeOrderAndSeeSurvey(page);

  await nps.score(10).click();
  await page.close({ runBeforeUnload: true });

  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.order_id === order.orderId && entry.score !== '',
    'the answer sent as the page closed is stored',
  );
  expect(row).toMatchObject({ score: '10', category: 'promoter' });
});
