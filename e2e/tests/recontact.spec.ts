import { hostQuery, placeOrder, placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expectNoSurvey, survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

test('a dismissed survey does not come back after reloads, and the quarantine keeps the other survey away', async ({
  page,
  analyst,
}) => {
  const { nps } = await placeOrderAndSeeSurvey(page);
  await nps.close.click();
  await expect(nps.dialog).toHaveCount(0);

  await page.reload();
  await expectNoSurvey(page);
  await page.reload();
  await expectNoSurvey(page);
  // The relationship survey on /account is a different survey under the same global quarantine.
  await page.goto('/account');
  await expectNoSurvey(page);

  const summary = await analyst.nps();
  expect(summary.overall.displays, 'shown once, in total').toBe(1);
  expect(summary.overall.answers).toBe(0);
});

test('an answered survey does not come back after reloads or for the next order', async ({
  page,
  analyst,
}) => {
  const first = await placeOrder(page);
  const nps = survey(page);
  await nps.score(7).click();
  await waitForCsvRow(
    analyst,
    (row) => row.order_id === first.orderId && row.score === '7',
    'answer stored',
  );

  await page.reload();
  await expectNoSurvey(page);

  const second = await placeOrder(page, { product: 'skargard-espresso', bags: 1 });
  expect(second.orderId).not.toBe(first.orderId);
  await expectNoSurvey(page);

  const summary = await analyst.nps();
  expect(summary.overall.displays).toBe(1);
  expect(summary.overall.answers).toBe(1);
});

test('two tabs open at once: only one shows the survey', async ({ context, analyst }) => {
  const url = `/e2e/plain.html${hostQuery({ customer: 'cust-two-tabs', order: 'NC-20002', value: 149 })}`;
  const [first, second] = [await context.newPage(), await context.newPage()];
  await Promise.all([first.goto(url), second.goto(url)]);

  // Let both tabs decide, then wait a little longer in case one of them shows late.
  await Promise.all([
    first.waitForLoadState('networkidle'),
    second.waitForLoadState('networkidle'),
  ]);
  await first.waitForTimeout(1500);
  const shown = (await survey(first).dialog.count()) + (await survey(second).dialog.count());
  expect(shown, 'dialogs across both tabs').toBe(1);

  const summary = await analyst.nps();
  expect(summary.overall.displays).toBe(1);
});
