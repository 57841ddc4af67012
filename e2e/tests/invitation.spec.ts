import { READ_KEY } from '../fixtures/collector-config.js';
import { dashboardUrl, logIn } from '../fixtures/dashboard.js';
import { emailDocument, inviteCustomers } from '../fixtures/invitations.js';
import { survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';
import { waitForCsvRow } from '../fixtures/wait.js';

const CUSTOMER = {
  customerId: 'cust-100042',
  locale: 'en',
  context: { unit: 'stockholm-sodermalm', segment: 'regular' },
};

test('invitation e-mail → one tap on 9 in Chromium → emotion and comment on the hosted page → one verified e-mail response in the export and on the dashboard', async ({
  page,
  context,
  browser,
  collector,
  analyst,
}) => {
  const [invited] = await inviteCustomers(collector.url, [CUSTOMER]);
  if (!invited?.html) throw new Error('no e-mail fragment');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  // The e-mail as a mail client shows it: plain links, no script.
  await page.setContent(emailDocument(invited.html));
  await expect(page.getByRole('link')).toHaveCount(12); // 11 scores + "answer in your browser"
  await page.getByRole('link', { name: '9', exact: true }).click();
  await page.waitForURL(/\/s\/i1\.[\w-]+\.[\w-]+\?score=9$/);

  // The widget's own card, opened on the step after the score.
  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  await expect(nps.scale).toHaveCount(0);
  await nps.emotion('Happy').click();
  await nps.comment.fill('Fika with "real" cardamom buns — lovely, as always.');
  await nps.send.click();
  await expect(nps.thanks).toBeVisible();

  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.response_id === invited.responseId && entry.comment !== '',
    'the e-mail response with its emotion and comment is in the export',
  );
  expect(row).toMatchObject({
    survey_id: 'relationship',
    survey_kind: 'relationship',
    score: '9',
    category: 'promoter',
    emotion: 'happy',
    comment: 'Fika with "real" cardamom buns — lovely, as always.',
    customer_id: 'cust-100042',
    unit: 'stockholm-sodermalm',
    locale: 'en',
    segment: 'regular',
    channel: 'email',
    verified: 'true',
  });
  expect(await analyst.csv(), 'one response for the invitation').toHaveLength(1);
  const nps9 = await analyst.nps({ groupBy: 'channel' });
  const relationship = nps9.kinds.find((kind) => kind.kind === 'relationship');
  expect(relationship?.groups).toMatchObject([
    { key: { channel: 'email' }, n: 1, displays: 1, promoters: 1 },
  ]);

  // Nothing but the collector was asked for anything, and nothing set a cookie.
  const origin = new URL(collector.url).origin;
  expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(await context.cookies()).toEqual([]);

  // The thank-you closes into a plain note; the link is used from then on.
  await expect(page.getByText('Thank you! You can close this page now.')).toBeVisible({
    timeout: 10_000,
  });
  await page.goto(invited.scoreUrls[2] ?? '');
  await expect(page.getByRole('heading', { name: 'Thank you — your answer is in' })).toBeVisible();
  expect((await analyst.csv())[0]).toMatchObject({ score: '9' });

  // On the dashboard: the e-mail channel in Reach, and the comment among the e-mail answers.
  const analystContext = await browser.newContext();
  const dashboard = await analystContext.newPage();
  await logIn(dashboard, collector, READ_KEY);
  await dashboard.goto(dashboardUrl(collector, 'reach?kind=relationship'));
  const email = dashboard.getByTestId('reach-channel-relationship').locator('tr[data-key="email"]');
  await expect(email.locator('th')).toHaveText('E-mail invitation');
  await expect(email.locator('td').nth(1)).toHaveText('1'); // n
  await dashboard.goto(dashboardUrl(collector, 'comments?channel=email'));
  await expect(
    dashboard.getByText('Fika with "real" cardamom buns — lovely, as always.'),
  ).toBeVisible();
  await dashboard.goto(dashboardUrl(collector, 'comments?channel=web'));
  await expect(dashboard.getByTestId('comments-empty')).toBeVisible();
  await analystContext.close();
});

test('a mail scanner records nothing: every link fetched without a browser, and a browser that leaves within a second', async ({
  page,
  request,
  collector,
  analyst,
}) => {
  const [invited] = await inviteCustomers(collector.url, [CUSTOMER]);
  if (!invited) throw new Error('not invited');
  // Link checkers fetch every link of the e-mail, fast.
  for (const url of [...invited.scoreUrls, invited.url]) {
    expect((await request.get(url)).status()).toBe(200);
  }
  // One that runs scripts: opens a link and moves on before a person could have read it.
  await page.goto(invited.scoreUrls[0] ?? '');
  await expect(page.locator('[data-npskit-host]')).toHaveCount(1);
  await page.waitForTimeout(800);
  await page.goto('about:blank');
  await page.waitForTimeout(3500);
  expect(await analyst.csv()).toEqual([]);
});

test('a person who opens a score link and only reads has answered with that score', async ({
  page,
  collector,
  analyst,
}) => {
  const [invited] = await inviteCustomers(collector.url, [{ ...CUSTOMER, locale: 'sv' }]);
  await page.goto(invited?.scoreUrls[4] ?? '');
  const nps = survey(page, 'sv');
  await expect(nps.dialog).toBeVisible();
  const row = await waitForCsvRow(
    analyst,
    (entry) => entry.score !== '',
    'the score is recorded after a few seconds on the page',
  );
  expect(row).toMatchObject({ score: '4', channel: 'email', verified: 'true', locale: 'sv' });
});

test('without JavaScript the hosted page is a form: score, emotion and comment in one POST, then thanks', async ({
  browser,
  collector,
  analyst,
}) => {
  const [invited] = await inviteCustomers(collector.url, [CUSTOMER], { channel: 'link' });
  if (!invited) throw new Error('not invited');
  expect(invited.html).toBeNull();
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(invited.url);
    await expect(page.locator('[data-npskit-host]')).toHaveCount(0);
    const form = page.locator('form#npskit-form');
    await form.getByRole('radio', { name: '7', exact: true }).check();
    await form.getByRole('radio', { name: /Relieved/ }).check();
    await form.getByRole('textbox', { name: 'Anything you want to add?' }).fill('Fine, thanks');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(
      page.getByRole('heading', { name: 'Thank you — your answer is in' }),
    ).toBeVisible();
    expect(await context.cookies()).toEqual([]);
  } finally {
    await context.close();
  }
  const row = await waitForCsvRow(analyst, (entry) => entry.score !== '', 'the form answer');
  expect(row).toMatchObject({
    score: '7',
    emotion: 'relieved',
    comment: 'Fine, thanks',
    channel: 'link',
    verified: 'true',
  });
});
