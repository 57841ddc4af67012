import { placeOrderAndSeeSurvey } from '../fixtures/shop.js';
import { expect, test } from '../fixtures/test.js';

/** The demo's store managers (demo/collector.config.json): caseworker keys scoped to one store. */
const HAGA_MANAGER = 'rk_demo_store_manager_goteborg_0001';
const MALMO_MANAGER = 'rk_demo_store_manager_0001';

interface CaseJson {
  caseId: string;
  status: string;
  customerId: string | null;
  unit: string | null;
  owner: { id: string; name: string } | null;
  score: number;
  dueAt: string;
  openedAt: string;
}

test('a detractor in the shop → a case for that store’s manager only → contacted, noted, resolved → KPIs → one Slack alert', async ({
  page,
  collector,
  webhookReceiver,
}) => {
  const api = async (key: string, path: string, init: RequestInit = {}) =>
    fetch(`${collector.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  const inbox = async (key: string) => {
    const res = await api(key, '/v1/cases?status=open,contacted');
    expect(res.status).toBe(200);
    return ((await res.json()) as { cases: CaseJson[] }).cases;
  };

  // A customer picks up in Göteborg, is unhappy and says why.
  const { order, nps } = await placeOrderAndSeeSurvey(page, { unit: 'goteborg-haga' });
  await nps.score(2).click();
  await nps.comment.fill('The beans were stale <!channel> https://example.invalid/claim');
  await nps.send.click();
  // A detractor's thank-you promises the call the case is for.
  await expect(nps.dialog.getByText(/will get in touch with you/)).toBeVisible();

  // The Haga store manager's inbox gets the case; the Malmö manager's does not.
  let opened: CaseJson | undefined;
  await expect
    .poll(
      async () => {
        opened = (await inbox(HAGA_MANAGER)).find((c) => c.customerId === order.customerId);
        return opened?.status;
      },
      { message: 'the case is in the Haga manager’s inbox', timeout: 15_000 },
    )
    .toBe('open');
  if (!opened) throw new Error('no case');
  expect(opened).toMatchObject({
    unit: 'goteborg-haga',
    owner: { id: 'goteborg-haga', name: 'Haga store manager' },
    score: 2,
  });
  expect(Date.parse(opened.dueAt) - Date.parse(opened.openedAt)).toBe(48 * 3_600_000);
  expect((await inbox(MALMO_MANAGER)).map((c) => c.caseId)).not.toContain(opened.caseId);
  expect((await api(MALMO_MANAGER, `/v1/cases/${opened.caseId}`)).status).toBe(404);

  // The owner works it to an outcome. The comment is its own event, sent after the score that
  // opened the case: wait for it rather than race it.
  const caseId = opened.caseId;
  let detail: { response: { comment: string | null } } | undefined;
  await expect
    .poll(
      async () => {
        detail = await (await api(HAGA_MANAGER, `/v1/cases/${caseId}`)).json();
        return detail?.response.comment;
      },
      { message: 'the case shows the comment', timeout: 15_000 },
    )
    .not.toBeNull();
  expect(detail?.response).toMatchObject({
    comment: 'The beans were stale <!channel> https://example.invalid/claim',
    context: { orderId: order.orderId, unit: 'goteborg-haga' },
  });
  const step = async (path: string, body: unknown) => {
    const res = await api(HAGA_MANAGER, `/v1/cases/${opened?.caseId}/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(200);
    return (await res.json()).case as CaseJson;
  };
  expect((await step('transition', { to: 'contacted', note: 'Called, she was kind' })).status).toBe(
    'contacted',
  );
  await step('notes', { text: 'Sending a fresh bag' });
  const resolved = await step('transition', {
    to: 'resolved',
    rootCause: 'coffee-quality',
    note: 'Replaced the bag, checked the batch',
  });
  expect(resolved.status).toBe('resolved');
  const history = (await (await api(HAGA_MANAGER, `/v1/cases/${opened.caseId}`)).json()).history;
  expect(history.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
    ['opened', 'npskit'],
    ['contacted', 'Göteborg store manager (secret: rk_demo_store_manager_goteborg_0001)'],
    ['note', 'Göteborg store manager (secret: rk_demo_store_manager_goteborg_0001)'],
    ['resolved', 'Göteborg store manager (secret: rk_demo_store_manager_goteborg_0001)'],
  ]);

  // The KPIs follow.
  const kpis = await (await api(HAGA_MANAGER, '/v1/cases/kpis?groupBy=owner')).json();
  expect(kpis.overall).toMatchObject({
    opened: 1,
    active: 0,
    contactedWithinSla: { count: 1, of: 1, share: 1 },
    resolved: { count: 1, share: 1 },
    rootCauses: [{ rootCause: 'coffee-quality', count: 1 }],
  });
  expect(kpis.groups.map((g: { key: string }) => g.key)).toEqual(['goteborg-haga']);
  const malmoKpis = await (await api(MALMO_MANAGER, '/v1/cases/kpis')).json();
  expect(malmoKpis.overall.opened).toBe(0);

  // The demo's webhook receiver got the detractor alert in Slack's format, once.
  await expect
    .poll(() => webhookReceiver.received.filter((alert) => alert.event === 'detractor').length, {
      message: 'the Slack alert arrived',
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const alerts = webhookReceiver.received.filter(
    (alert) =>
      alert.event === 'detractor' && JSON.stringify(alert.body).includes(opened?.caseId ?? '-'),
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
});
