import { writeFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { asFreshVisitor, hostStyles } from '../fixtures/fresh-visitor.js';
import { comparePngs } from '../fixtures/pixels.js';
import { hostQuery } from '../fixtures/shop.js';
import { survey } from '../fixtures/survey.js';
import { expect, test } from '../fixtures/test.js';

const STYLE_PROPERTIES = [
  'display',
  'width',
  'height',
  'background-color',
  'color',
  'border-top-style',
  'border-top-width',
  'border-top-color',
  'border-top-left-radius',
  'font-family',
  'font-size',
  'font-weight',
  'padding-top',
  'cursor',
];

/** Computed style of an element in the widget's shadow root, plus a bare button's for contrast. */
function computedStyles(locator: Locator) {
  return locator.evaluate((element, properties) => {
    const read = (target: Element) => {
      const style = getComputedStyle(target);
      return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
    };
    // A button in an unstyled shadow root shows what "no stylesheet applied" looks like.
    const probe = document.createElement('div');
    const bare = document.createElement('button');
    probe.attachShadow({ mode: 'open' }).append(bare);
    document.body.append(probe);
    const unstyled = read(bare);
    probe.remove();
    return { styled: read(element), unstyled };
  }, STYLE_PROPERTIES);
}

test('strict CSP host (no unsafe-inline anywhere): the widget is fully styled and reports no violation', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      true,
    );
  });
  const response = await page.goto(
    `/e2e/csp.html${hostQuery({ customer: 'cust-csp', order: 'NC-30001' })}`,
  );
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');

  const nps = survey(page);
  await expect(nps.dialog).toBeVisible();
  const underCsp = await computedStyles(nps.score(5));

  // Styled for real: not the browser's default button…
  expect(underCsp.styled['background-color']).not.toBe(underCsp.unstyled['background-color']);
  expect(underCsp.styled['border-top-style']).not.toBe(underCsp.unstyled['border-top-style']);
  // …and exactly as styled as on a page without any CSP.
  const reference = await asFreshVisitor(browser, { baseURL: baseURL ?? '' }, async (plain) => {
    await plain.goto(
      `/e2e/plain.html${hostQuery({ customer: 'cust-csp-ref', order: 'NC-30002' })}`,
    );
    await expect(survey(plain).dialog).toBeVisible();
    return computedStyles(survey(plain).score(5));
  });
  expect(underCsp.styled).toEqual(reference.styled);

  // Answering works under the policy too (fetch to the collector is allowed by connect-src).
  await nps.score(8).click();
  await expect(nps.comment).toBeVisible();
  await page.waitForLoadState('networkidle');
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
});

test('hostile global CSS host: the widget looks the same as on a plain page and leaves the host styles alone', async ({
  page,
  browser,
  baseURL,
}) => {
  const shoot = async (locator: Locator) => {
    await expect(locator).toBeVisible();
    // Let the entrance animation finish before capturing.
    await locator.page().waitForTimeout(600);
    return locator.screenshot({ animations: 'disabled', caret: 'hide' });
  };

  await page.goto(`/e2e/hostile.html${hostQuery({ customer: 'cust-hostile', order: 'NC-40001' })}`);
  const nps = survey(page);
  const hostile = await shoot(nps.dialog);
  const hostileBox = await nps.dialog.boundingBox();

  const { plain, plainBox } = await asFreshVisitor(
    browser,
    { baseURL: baseURL ?? '' },
    async (plainPage) => {
      await plainPage.goto(
        `/e2e/plain.html${hostQuery({ customer: 'cust-plain', order: 'NC-40002' })}`,
      );
      const dialog = survey(plainPage).dialog;
      const shot = await shoot(dialog);
      const styles = await hostStyles(plainPage);
      expect(styles.now, 'plain host styles unchanged after mount').toEqual(styles.before);
      return { plain: shot, plainBox: await dialog.boundingBox() };
    },
  );
  for (const [name, body] of [
    ['dialog-on-plain-page.png', plain],
    ['dialog-on-hostile-page.png', hostile],
  ] as const) {
    const path = test.info().outputPath(name);
    writeFileSync(path, body);
    await test.info().attach(name, { path, contentType: 'image/png' });
  }

  expect(hostileBox?.width).toBeCloseTo(plainBox?.width ?? 0, 0);
  expect(hostileBox?.height).toBeCloseTo(plainBox?.height ?? 0, 0);
  const diff = await comparePngs(page, plain, hostile);
  expect(diff.sameSize, `screenshots ${diff.width}×${diff.height}`).toBe(true);
  // Rounded corners show a sliver of the (different) page background; anything the host CSS
  // changed inside the widget (font, colours, sizes) would change far more than this.
  expect(diff.ratio, `${diff.differing} pixels differ`).toBeLessThan(0.01);

  const styles = await hostStyles(page);
  expect(styles.now, 'hostile host styles unchanged after mount').toEqual(styles.before);
});
