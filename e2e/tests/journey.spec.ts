import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

test('checkout → survey → one tap: the CSV export has the score, category and the signed order context (verified); emotion and comment follow on the same response', async ({
  page,
  analyst,
  baseURL,
}) => {
  const { order, nps } = await placeOrderAndSeeSurvey(page, { bags: 2, unit: 'goteborg-haga' });

  await expect(nps.scale).toBeVisible();
  await expect(nps.scale.getByRole('radio')).toHaveCount(11);
  await expect(nps.dialog).toContainText(nps.texts.low);
  await expect(nps.dialog).toContainText(nps.texts.high);

  // One tap is the whole answer.
  await nps.score(9).click();
  const answered = await waitForCsvRow(
    analyst,
    (row) => row.order_id === order.orderId && row.score !== '',
    'the answer is in the CSV export',
  );
  expect(answered).toMatchObject({
    survey_id: 'checkout',
    survey_kind: 'transactional',
    score: '9',
    category: 'promoter',
    customer_id: order.customerId,
    order_id: order.orderId,
    order_value: String(order.total),
    currency: 'SEK',
    unit: 'goteborg-haga',
    employee: 'emp-omar',
    touchpoint: 'checkout',
    page: `${baseURL}/confirmation`,
    // The shop's server signed the customer and the order: the answer is verified.
    verified: 'true',
  });
  expect(answered.response_id).not.toBe('');
  expect(answered.anonymous_id).not.toBe('');
  expect(answered.answered_at).not.toBe('');

  // Everything after the tap is optional: an emotion and a comment.
  await nps.emotion('Happy').click();
  await nps.comment.fill('Omar remembered my usual order. "Great" coffee, too!');
  await nps.send.click();
  await expect(nps.thanks).toBeVisible();

  const followedUp = await waitForCsvRow(
    analyst,
    (row) => row.response_id === answered.response_id && row.emotion !== '' && row.comment !== '',
    'the emotion and comment are on the same response',
  );
  expect(followedUp).toMatchObject({
    score: '9',
    emotion: 'happy',
    comment: 'Omar remembered my usual order. "Great" coffee, too!',
    order_id: order.orderId,
  });
  const rows = (await analyst.csv()).filter((row) => row.order_id === order.orderId);
  expect(rows, 'one response per display, not one row per event').toHaveLength(1);
});

test('"My account": the relationship survey shows on a page view and its answer is exported with the account context', async ({
  page,
  analyst,
}) => {
  await page.goto('/account');
  const customerId = (await page.locator('#customer-id').textContent()) ?? '';
  expect(customerId).toMatch(/^cust-\d+$/);

  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  await nps.score(6).click();
  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.customer_id === customerId && entry.score !== '',
    'the relationship answer is in the CSV export',
  );
  expect(row).toMatchObject({
    survey_id: 'relationship',
    survey_kind: 'relationship',
    score: '6',
    category: 'detractor',
    touchpoint: 'account',
    order_id: '',
    verified: 'true',
  });
});

test('a picked emotion survives Skip, and a mis-tapped score can be changed: the export has both', async ({
  page,
  analyst,
}) => {
  const { order, nps } = await placeOrderAndSeeSurvey(page);
  await nps.score(3).click();
  // The emotion is sent the moment it is picked.
  await nps.emotion('Frustrated').click();
  await waitForCsvRow(
    analyst,
    (row) => row.order_id === order.orderId && row.emotion === 'frustrated',
    'the picked emotion is stored before anything else is pressed',
  );
  // The customer meant 8: the chosen score is on screen with a way to change it.
  await expect(nps.dialog).toContainText('Your answer: 3');
  await nps.change.click();
  await expect(nps.score(3)).toHaveAttribute('aria-checked', 'true');
  await nps.score(8).click();
  await expect(nps.dialog).toContainText('Your answer: 8');
  await nps.skip.click();
  await expect(nps.thanks).toBeVisible();
  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.order_id === order.orderId && entry.score === '8',
    'the changed score is the answer',
  );
  expect(row).toMatchObject({ category: 'passive', emotion: 'frustrated' });
  expect((await analyst.csv()).filter((entry) => entry.order_id === order.orderId)).toHaveLength(1);
});
