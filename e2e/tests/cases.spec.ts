import { dashboardUrl, logIn, STORE_MANAGER_KEY } from '../fixtures/dashboard.js';
import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';

/** The demo's Göteborg Haga manager (demo/collector.config.json): a caseworker key for one store. */
const HAGA_MANAGER = 'rk_demo_store_manager_goteborg_0001';
const HAGA_NAME = 'Göteborg store manager (secret: rk_demo_store_manager_goteborg_0001)';
const COMMENT = 'The beans were stale <!channel> https://example.invalid/claim';

// Before logging in the dashboard asks for its session (401); the Malmö manager's look at the
// Haga case URL is a 404 on purpose.
test.use({ allowedConsoleErrors: [/status of 40[14]/] });

test('a detractor in the shop → a case in the Haga manager’s inbox only → contacted, noted, resolved in the dashboard → KPIs update → one Slack alert', async ({
  page,
  context,
  browser,
  collector,
  webhookReceiver,
}) => {
  // A customer picks up in Göteborg, is unhappy and says why.
  const { order, nps } = await placeOrderAndSeeSurvey(page, { unit: 'goteborg-haga' });
  await nps.score(2).click();
  await nps.comment.fill(COMMENT);
  await nps.send.click();
  // A detractor's thank-you promises the call the case is for.
  await expect(nps.dialog.getByText(/will get in touch with you/)).toBeVisible();

  // The Haga manager's inbox, open in one tab: the case is there, with the comment.
  const inbox = await context.newPage();
  await logIn(inbox, collector, HAGA_MANAGER);
  await inbox.goto(dashboardUrl(collector, 'cases'));
  await expect(inbox.getByRole('heading', { level: 1 })).toHaveText('Cases');
  const row = inbox.getByTestId('case-table').locator('tbody tr', { hasText: COMMENT });
  await expect(row, 'the case and its comment reach the inbox').toBeVisible({ timeout: 15_000 });
  await expect(inbox.getByTestId('case-table').locator('tbody tr')).toHaveCount(1);
  await expect(row).toContainText('goteborg-haga');
  await expect(row).toContainText('Haga store manager');
  await expect(row.locator('[data-field="status"]')).toHaveText('Open');
  const caseId = await row.getAttribute('data-case');
  if (!caseId) throw new Error('no case id on the row');
  // The store is fixed for a one-store key; the KPIs count the new case, not yet worked.
  await expect(inbox.getByLabel('Store')).toBeDisabled();
  const kpis = inbox.getByTestId('case-kpis');
  await expect(kpis.locator('[data-field="opened"] dd')).toHaveText('1');
  await expect(kpis.locator('[data-field="active"] dd')).toHaveText('1');
  await expect(kpis.locator('[data-field="resolved"] dd')).toHaveText('0.0% (0)');

  // Another store's manager sees nothing of it: not in the inbox, not by its URL, not by store.
  const malmo = await browser.newContext();
  const other = await malmo.newPage();
  await logIn(other, collector, STORE_MANAGER_KEY);
  await other.goto(dashboardUrl(collector, 'cases'));
  await expect(other.getByTestId('cases-empty')).toBeVisible();
  await expect(other.getByTestId('case-kpis').locator('[data-field="opened"] dd')).toHaveText('0');
  await other.goto(dashboardUrl(collector, `cases/${caseId}`));
  await expect(other.getByTestId('case-missing')).toBeVisible();
  await expect(other.locator('body')).not.toContainText('stale');
  await other.goto(dashboardUrl(collector, 'cases?unit=goteborg-haga'));
  await expect(other.getByTestId('not-in-access')).toBeVisible();
  await malmo.close();

  // The owner works it in a second tab, by keyboard-reachable forms.
  const work = await context.newPage();
  await work.goto(dashboardUrl(collector, 'cases'));
  await work
    .getByTestId('case-table')
    .locator(`tr[data-case="${caseId}"]`)
    .getByRole('link')
    .click();
  await expect(work.getByRole('heading', { level: 1 })).toHaveText('Case: score 2, goteborg-haga');
  await expect(work.getByTestId('case-comment')).toHaveText(COMMENT);
  await expect(work.getByTestId('case-facts')).toContainText(order.orderId);
  const outcome = work.getByTestId('case-outcome');

  await work.getByLabel('What was said (optional)').fill('Called, she was kind');
  await work.getByRole('button', { name: 'Mark as contacted' }).click();
  await expect(outcome).toHaveText('Marked as contacted.');
  await expect(outcome).toBeFocused();
  await expect(work.getByTestId('case-facts').locator('[data-fact="status"]')).toContainText(
    'Contacted',
  );

  await work.getByLabel('Note', { exact: true }).fill('Sending a fresh bag');
  await work.getByRole('button', { name: 'Add note' }).click();
  await expect(outcome).toHaveText('Note added.');

  await work.getByLabel('Outcome').selectOption({ label: 'Resolved' });
  await work.getByLabel('Root cause').selectOption({ label: 'Coffee quality' });
  await work.getByLabel('What was done').fill('Replaced the bag, checked the batch');
  await work.getByRole('button', { name: 'Close the case' }).click();
  await expect(outcome).toHaveText('Case closed.');
  await expect(work.getByTestId('case-facts').locator('[data-fact="status"]')).toContainText(
    'Resolved',
  );
  await expect(work.getByTestId('case-facts').locator('[data-fact="rootCause"]')).toContainText(
    'Coffee quality',
  );
  // Every step is in the history with who did it; a closed case offers only notes.
  const history = work.getByTestId('case-history').locator('li');
  await expect(history).toHaveCount(4);
  expect(await history.evaluateAll((items) => items.map((li) => li.dataset.action))).toEqual([
    'opened',
    'contacted',
    'note',
    'resolved',
  ]);
  await expect(history.nth(1)).toContainText('Called, she was kind');
  await expect(history.nth(1)).toContainText(HAGA_NAME);
  await expect(history.nth(3)).toContainText('Replaced the bag, checked the batch');
  await expect(work.getByRole('button', { name: 'Mark as contacted' })).toHaveCount(0);
  await expect(work.getByRole('button', { name: 'Close the case' })).toHaveCount(0);

  // The inbox tab, untouched meanwhile, follows live: the case left "open or contacted" and the
  // KPIs count a contact within the SLA, a resolution and the root cause.
  await expect(inbox.getByTestId('cases-empty')).toBeVisible({ timeout: 10_000 });
  await expect(kpis.locator('[data-field="resolved"] dd')).toHaveText('100.0% (1)');
  await expect(kpis.locator('[data-field="withinSla"] dd')).toHaveText('100.0% (1/1)');
  await expect(kpis.locator('[data-field="active"] dd')).toHaveText('0');
  await expect(inbox.getByTestId('root-causes')).toHaveText('Coffee quality: 1');
  await expect(
    inbox
      .getByTestId('case-kpis-owner')
      .locator('tr[data-key="goteborg-haga"] [data-field="resolved"]'),
  ).toHaveText('100.0%');
  // The same numbers as the API.
  const api = await fetch(`${collector.url}/v1/cases/kpis`, {
    headers: { authorization: `Bearer ${HAGA_MANAGER}` },
  });
  expect((await api.json()).overall).toMatchObject({
    opened: 1,
    active: 0,
    contactedWithinSla: { count: 1, of: 1, share: 1 },
    resolved: { count: 1, share: 1 },
    rootCauses: [{ rootCause: 'coffee-quality', count: 1 }],
  });
  // The comment view links the comment to its case.
  await inbox.goto(dashboardUrl(collector, 'comments'));
  const comment = inbox.locator('.comment', { hasText: 'The beans were stale' });
  await comment.getByRole('link', { name: 'See its case' }).click();
  await expect(inbox).toHaveURL(new RegExp(`/dashboard/cases/${caseId}$`));
  await expect(inbox.getByTestId('case-comment')).toHaveText(COMMENT);

  // The demo's webhook receiver got the detractor alert in Slack's format, once.
  await expect
    .poll(() => webhookReceiver.received.filter((alert) => alert.event === 'detractor').length, {
      message: 'the Slack alert arrived',
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const alerts = webhookReceiver.received.filter(
    (alert) => alert.event === 'detractor' && JSON.stringify(alert.body).includes(caseId),
  );
  expect(alerts).toHaveLength(1);
  const [slack] = alerts;
  expect(slack?.path).toBe('/slack');
  const body = slack?.body as {
    text: string;
    blocks: Array<{ type: string }>;
    unfurl_links: boolean;
  };
  expect(body.text).toBe('Detractor: 2/10 (detractor) — Nordic Coffee (demo shop)');
  expect(body.unfurl_links).toBe(false);
  expect(body.blocks.map((block) => block.type)).toEqual([
    'section',
    'section',
    'section',
    'context',
  ]);
  const text = JSON.stringify(body);
  expect(text).toContain('&lt;!channel&gt;');
  expect(text).not.toContain('<!channel>');
  expect(text).not.toContain('https://example.invalid');
  // The alert links to the case on the dashboard.
  expect(text).toContain(`/dashboard/cases/${caseId}`);
});
