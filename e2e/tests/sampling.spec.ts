import { placeOrder } from '../fixtures/shop.js';
import { expectNoSurvey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';

test.use({
  surveyOverrides: { checkout: { sampling: { rate: 0 } }, relationship: { sampling: { rate: 0 } } },
});

test('sampling at 0: the survey never shows and the UI chunk is never downloaded', async ({
  page,
  analyst,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));

  await placeOrder(page);
  await expectNoSurvey(page);
  await page.reload();
  await expectNoSurvey(page);
  await page.goto('/account');
  await expectNoSurvey(page);

  // The loader did run and asked for the surveys, so "nothing shown" is a decision, not a crash.
  expect(requested).toContain('/npskit/npskit.js');
  expect(requested.some((path) => path.startsWith('/v1/sites/'))).toBe(true);
  expect(requested.filter((path) => path.endsWith('/npskit-ui.js'))).toEqual([]);

  const summary = await analyst.nps();
  expect(summary.overall.displays).toBe(0);
});
