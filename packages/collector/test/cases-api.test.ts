import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  answer,
  CASE_KEYS,
  type CaseBody,
  casesAppPerTest,
  change,
  DAY,
  HOUR,
  json,
  listCases,
  NOW,
} from './cases-helpers.js';
import { analyst, post } from './helpers.js';

const setup = casesAppPerTest();

describe('rules: which answers open a case', () => {
  it('by default: every detractor whose customer can be contacted, of either survey kind', async () => {
    const t = setup();
    await answer(t, 6, { customerId: 'cust-6', unit: 'malmo' });
    await answer(t, 0, { customerId: 'cust-0', surveyId: 'relationship' });
    await answer(t, 3, { customerId: null });
    await answer(t, 7, { customerId: 'cust-7' });
    await answer(t, 10, { customerId: 'cust-10' });
    const cases = await listCases(t);
    expect(cases.map((c) => [c.customerId, c.score, c.category, c.status])).toEqual([
      ['cust-0', 0, 'detractor', 'open'],
      ['cust-6', 6, 'detractor', 'open'],
    ]);
  });

  it('by default on a site that signs: only a signed customer id (no one gets called for a forged id)', async () => {
    const t = setup({ rules: [{}] });
    await answer(t, 2, { customerId: 'cust-signed', verified: true });
    await answer(t, 2, { customerId: 'cust-claimed' });
    const cases = await listCases(t);
    expect(cases.map((c) => [c.customerId, c.verified])).toEqual([['cust-signed', true]]);
  });

  it('never twice for one response, never for a retried batch or an erased respondent', async () => {
    const t = setup();
    const first = await answer(t, 2, { customerId: 'cust-retry' });
    await answer(t, 2, { ...first, customerId: 'cust-retry' });
    const retried = {
      id: randomUUID(),
      type: 'answer',
      surveyId: 'checkout',
      responseId: randomUUID(),
      at: new Date(NOW - 5000).toISOString(),
      respondent: { anonymousId: randomUUID(), customerId: 'cust-once' },
      score: 1,
    };
    const body = {
      site: 'pk_test_shop_0001',
      sentAt: new Date(NOW - 1000).toISOString(),
      events: [retried],
    };
    expect((await t.app.request('/v1/events', post(body))).status).toBe(202);
    expect(await json(await t.app.request('/v1/events', post(body)))).toMatchObject({
      accepted: 0,
      duplicate: 1,
    });
    const erase = await t.app.request('/v1/respondents/cust-gone', {
      method: 'DELETE',
      headers: analyst(CASE_KEYS.admin),
    });
    expect(erase.status).toBe(200);
    await answer(t, 0, { customerId: 'cust-gone' });
    expect((await listCases(t)).map((c) => c.customerId).sort()).toEqual([
      'cust-once',
      'cust-retry',
    ]);
  });

  it('options by survey, score threshold, emotion and comment (a case can open on the follow-up)', async () => {
    const t = setup({
      rules: [
        { surveys: ['checkout'], maxScore: 4, contact: 'identified' },
        { surveys: ['relationship'], maxScore: 8, hasComment: true, contact: 'identified' },
        { surveys: ['checkout'], maxScore: 6, emotions: ['frustrated'], contact: 'identified' },
      ],
    });
    await answer(t, 4, { customerId: 'low' });
    await answer(t, 5, { customerId: 'five' });
    await answer(t, 5, { customerId: 'five-angry', emotion: 'frustrated' });
    await answer(t, 8, { customerId: 'passive-silent', surveyId: 'relationship' });
    await answer(t, 8, { customerId: 'passive-comment', surveyId: 'relationship', comment: 'Meh' });
    expect((await listCases(t)).map((c) => c.customerId).sort()).toEqual([
      'five-angry',
      'low',
      'passive-comment',
    ]);
  });

  it('a changed answer updates the case, or closes it while nobody has called yet', async () => {
    const t = setup();
    const still = await answer(t, 2, { customerId: 'cust-still' });
    const fixed = await answer(t, 1, { customerId: 'cust-fixed' });
    t.clock.now += 60_000;
    await answer(t, 5, { ...still, customerId: 'cust-still' });
    await answer(t, 9, { ...fixed, customerId: 'cust-fixed' });
    const [fixedCase, stillCase] = (await listCases(t)) as [CaseBody, CaseBody];
    expect(stillCase).toMatchObject({ customerId: 'cust-still', score: 5, status: 'open' });
    expect(fixedCase).toMatchObject({
      customerId: 'cust-fixed',
      score: 9,
      category: 'promoter',
      status: 'closed_no_action',
      rootCause: 'answer_changed',
    });
    const detail = await json(
      await t.app.request(`/v1/cases/${fixedCase.caseId}`, { headers: analyst(CASE_KEYS.admin) }),
    );
    expect(detail.history.at(-1)).toMatchObject({
      actor: 'customer',
      action: 'closed_no_action',
      note: 'The customer changed the answer from 1 to 9.',
    });
  });
});

describe('routing to owners', () => {
  it('a case goes to its store’s owner, else its touchpoint’s, else the fallback owner', async () => {
    const t = setup();
    await answer(t, 1, { customerId: 'a', unit: 'malmo', touchpoint: 'web' });
    await answer(t, 1, { customerId: 'b', unit: 'goteborg', touchpoint: 'web' });
    await answer(t, 1, { customerId: 'c', unit: 'goteborg' });
    const owners = Object.fromEntries((await listCases(t)).map((c) => [c.customerId, c.owner]));
    expect(owners).toEqual({
      a: { id: 'malmo-manager', name: 'Malmö manager' },
      b: { id: 'web-team', name: 'Web team' },
      c: { id: 'head-office', name: 'Head office' },
    });
  });

  it('reassigns to another configured owner, recorded in the history', async () => {
    const t = setup();
    await answer(t, 1, { customerId: 'a', unit: 'malmo' });
    const [opened] = await listCases(t);
    const path = `/v1/cases/${opened?.caseId}/assign`;
    const moved = await change(t, path, { owner: 'head-office' });
    expect(moved.status).toBe(200);
    expect((await json(moved)).case.owner).toEqual({ id: 'head-office', name: 'Head office' });
    expect((await change(t, path, { owner: 'nobody' })).status).toBe(400);
    expect((await change(t, path, { owner: 'head-office' })).status).toBe(400);
    const history = (
      await json(await t.app.request(`/v1/cases/${opened?.caseId}`, { headers: analyst() }))
    ).history;
    expect(history.at(-1)).toMatchObject({
      actor: 'caseworker',
      action: 'assigned',
      ownerId: 'head-office',
    });
  });
});

describe('lifecycle: open → contacted → resolved | closed_no_action', () => {
  it('is worked to an outcome, each step timed and in the history with who did it', async () => {
    const t = setup();
    await answer(t, 2, { customerId: 'cust-1', unit: 'malmo', comment: 'Cold coffee' });
    const [opened] = await listCases(t);
    const id = opened?.caseId;
    expect(opened).toMatchObject({
      status: 'open',
      openedAt: new Date(NOW).toISOString(),
      dueAt: new Date(NOW + 48 * HOUR).toISOString(),
      overdue: false,
    });

    t.clock.now = NOW + 2 * HOUR;
    const contacted = await change(
      t,
      `/v1/cases/${id}/transition`,
      { to: 'contacted', note: 'Called her' },
      CASE_KEYS.malmo,
    );
    expect(contacted.status).toBe(200);
    expect((await json(contacted)).case).toMatchObject({
      status: 'contacted',
      contactedAt: new Date(NOW + 2 * HOUR).toISOString(),
    });
    t.clock.now = NOW + 3 * HOUR;
    expect(
      (await change(t, `/v1/cases/${id}/notes`, { text: 'Sending a voucher' }, CASE_KEYS.malmo))
        .status,
    ).toBe(200);
    t.clock.now = NOW + 4 * HOUR;
    const resolved = await change(
      t,
      `/v1/cases/${id}/transition`,
      { to: 'resolved', rootCause: 'product', note: 'Replaced the bag, voucher sent' },
      CASE_KEYS.malmo,
    );
    expect((await json(resolved)).case).toMatchObject({
      status: 'resolved',
      resolvedAt: new Date(NOW + 4 * HOUR).toISOString(),
      rootCause: 'product',
      recovery: { dueAt: new Date(NOW + 4 * HOUR + 14 * DAY).toISOString() },
    });
    t.clock.now = NOW + 5 * HOUR;
    expect(
      (await change(t, `/v1/cases/${id}/notes`, { text: 'She thanked us' }, CASE_KEYS.malmo))
        .status,
    ).toBe(200);

    const detail = await json(
      await t.app.request(`/v1/cases/${id}`, { headers: analyst(CASE_KEYS.malmo) }),
    );
    expect(detail.response).toMatchObject({
      comment: 'Cold coffee',
      context: { unit: 'malmo' },
      score: 2,
    });
    expect(
      detail.history.map((h: Record<string, unknown>) => [
        h.at,
        h.actor,
        h.action,
        h.rootCause,
        h.note,
      ]),
    ).toEqual([
      [new Date(NOW).toISOString(), 'npskit', 'opened', null, null],
      [new Date(NOW + 2 * HOUR).toISOString(), 'Malmö caseworker', 'contacted', null, 'Called her'],
      [
        new Date(NOW + 3 * HOUR).toISOString(),
        'Malmö caseworker',
        'note',
        null,
        'Sending a voucher',
      ],
      [
        new Date(NOW + 4 * HOUR).toISOString(),
        'Malmö caseworker',
        'resolved',
        'product',
        'Replaced the bag, voucher sent',
      ],
      [new Date(NOW + 5 * HOUR).toISOString(), 'Malmö caseworker', 'note', null, 'She thanked us'],
    ]);
  });

  it('refuses what the lifecycle does not allow, with codes and without echoing input', async () => {
    const t = setup();
    await answer(t, 2, { customerId: 'cust-1' });
    const [opened] = await listCases(t);
    const path = `/v1/cases/${opened?.caseId}/transition`;
    const resolveEarly = await change(t, path, { to: 'resolved', rootCause: 'product', note: 'x' });
    expect(resolveEarly.status).toBe(409);
    expect(await json(resolveEarly)).toMatchObject({ error: 'invalid_transition' });
    const noCause = await change(t, path, { to: 'closed_no_action', note: 'Unreachable' });
    expect(noCause.status).toBe(400);
    const unknownCause = await change(t, path, {
      to: 'closed_no_action',
      rootCause: 'aliens',
      note: 'x',
    });
    expect(unknownCause.status).toBe(400);
    const noNote = await change(t, path, { to: 'closed_no_action', rootCause: 'other' });
    expect(noNote.status).toBe(400);
    const extra = await change(t, path, { to: 'contacted', status: '<script>' });
    expect(extra.status).toBe(400);
    expect(await extra.text()).not.toContain('<script>');
    const badTo = await change(t, path, { to: '<b>done</b>' });
    expect(await badTo.text()).not.toContain('<b>');
    expect(
      (await change(t, path, { to: 'closed_no_action', rootCause: 'other', note: 'Unreachable' }))
        .status,
    ).toBe(200);
    expect((await change(t, path, { to: 'contacted' })).status).toBe(409);
    const blank = await change(t, `/v1/cases/${opened?.caseId}/notes`, { text: '   ' });
    expect(blank.status).toBe(400);
    const notJson = await t.app.request(`/v1/cases/${opened?.caseId}/notes`, {
      method: 'POST',
      headers: { ...analyst(CASE_KEYS.caseworker), 'content-type': 'text/plain' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(notJson.status).toBe(415);
    const unknown = await change(t, `/v1/cases/${randomUUID()}/notes`, { text: 'hi' });
    expect(unknown.status).toBe(404);
    expect((await change(t, '/v1/cases/not-a-uuid/notes', { text: 'hi' })).status).toBe(404);
  });
});

describe('roles and scopes on every case route', () => {
  it('viewers read, caseworkers change; a store’s key sees and changes only its store’s cases', async () => {
    const t = setup();
    await answer(t, 1, { customerId: 'in-malmo', unit: 'malmo' });
    await answer(t, 1, { customerId: 'in-lund', unit: 'lund' });
    await answer(t, 1, { customerId: 'nowhere' });
    const all = await listCases(t);
    const malmoCase = all.find((c) => c.unit === 'malmo') as CaseBody;
    const lundCase = all.find((c) => c.unit === 'lund') as CaseBody;

    expect((await listCases(t, '', CASE_KEYS.viewer)).length).toBe(3);
    expect((await listCases(t, '', CASE_KEYS.malmo)).map((c) => c.customerId)).toEqual([
      'in-malmo',
    ]);
    expect((await listCases(t, '', CASE_KEYS.lund)).map((c) => c.customerId)).toEqual(['in-lund']);
    const outside = await t.app.request('/v1/cases?unit=lund', {
      headers: analyst(CASE_KEYS.malmo),
    });
    expect(outside.status).toBe(403);
    expect(await json(outside)).toMatchObject({ error: 'out_of_scope' });
    expect(
      (await t.app.request(`/v1/cases/${lundCase.caseId}`, { headers: analyst(CASE_KEYS.malmo) }))
        .status,
    ).toBe(404);
    expect(
      (
        await change(
          t,
          `/v1/cases/${lundCase.caseId}/transition`,
          { to: 'contacted' },
          CASE_KEYS.malmo,
        )
      ).status,
    ).toBe(404);
    const asViewer = await change(
      t,
      `/v1/cases/${malmoCase.caseId}/transition`,
      { to: 'contacted' },
      CASE_KEYS.viewer,
    );
    expect(asViewer.status).toBe(403);
    expect(await json(asViewer)).toMatchObject({ error: 'forbidden' });
    expect((await t.app.request('/v1/cases')).status).toBe(401);
    const kpis = await json(
      await t.app.request('/v1/cases/kpis?groupBy=unit', { headers: analyst(CASE_KEYS.malmo) }),
    );
    expect(kpis.overall.opened).toBe(1);
    expect(kpis.groups.map((g: { key: string }) => g.key)).toEqual(['malmo']);
    expect(
      (await t.app.request('/v1/metrics', { headers: analyst(CASE_KEYS.caseworker) })).status,
    ).toBe(403);
  });
});

describe('listing, filters and export', () => {
  it('filters by status, store, owner, survey, overdue and period; pages; exports CSV and NDJSON', async () => {
    const t = setup();
    await answer(t, 1, { customerId: 'a', unit: 'malmo' });
    t.clock.now = NOW + DAY;
    await answer(t, 2, { customerId: 'b', unit: 'lund', surveyId: 'relationship' });
    t.clock.now = NOW + 2 * DAY;
    await answer(t, 3, {
      customerId: '=HYPERLINK("x")',
      unit: 'malmo',
      comment: 'Line\u2028break, "quoted"; =1+1',
    });
    const [, , first] = await listCases(t);
    await change(t, `/v1/cases/${first?.caseId}/transition`, { to: 'contacted' });
    t.clock.now = NOW + 3 * DAY;
    const ids = async (query: string) => (await listCases(t, query)).map((c) => c.customerId);
    expect(await ids('')).toEqual(['=HYPERLINK("x")', 'b', 'a']);
    expect(await ids('?status=contacted')).toEqual(['a']);
    expect(await ids('?status=open,contacted&unit=malmo')).toEqual(['=HYPERLINK("x")', 'a']);
    expect(await ids('?owner=lund-manager')).toEqual(['b']);
    expect(await ids('?survey=relationship')).toEqual(['b']);
    expect(await ids('?overdue=true')).toEqual(['b']);
    expect(await ids(`?from=${new Date(NOW + DAY).toISOString()}`)).toEqual([
      '=HYPERLINK("x")',
      'b',
    ]);
    expect(await ids(`?to=${new Date(NOW + DAY).toISOString()}`)).toEqual(['a']);
    for (const bad of [
      '?status=done',
      '?overdue=yes',
      '?unti=malmo',
      '?limit=0',
      '?cursor=zzz',
      '?format=xml',
    ]) {
      const res = await t.app.request(`/v1/cases${bad}`, { headers: analyst() });
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_query' });
    }
    const page = await json(await t.app.request('/v1/cases?limit=2', { headers: analyst() }));
    expect(page.cases).toHaveLength(2);
    const rest = await json(
      await t.app.request(`/v1/cases?limit=2&cursor=${page.nextCursor}`, { headers: analyst() }),
    );
    expect(rest.cases.map((c: CaseBody) => c.customerId)).toEqual(['a']);
    expect(rest.nextCursor).toBeNull();

    const csv = await (await t.app.request('/v1/cases?format=csv', { headers: analyst() })).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^case_id,status,overdue,opened_at,due_at,contacted_at/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const ndjson = await (
      await t.app.request('/v1/cases?format=ndjson&unit=malmo', { headers: analyst() })
    ).text();
    expect(ndjson).toContain('Line\\u2028break');
    expect(ndjson).not.toContain('\u2028');
    expect(csv).toContain(`"Line\u2028break, ""quoted""; =1+1"`);
    expect(
      ndjson
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).customerId),
    ).toEqual(['=HYPERLINK("x")', 'a']);
    const scoped = await (
      await t.app.request('/v1/cases?format=csv', { headers: analyst(CASE_KEYS.lund) })
    ).text();
    expect(scoped.trim().split('\r\n')).toHaveLength(2);
  });
});

describe('erasure', () => {
  it('removes the respondent’s cases and notes with their answers', async () => {
    const t = setup();
    await answer(t, 1, { customerId: 'cust-gone', unit: 'malmo' });
    await answer(t, 1, { customerId: 'cust-stays', unit: 'malmo' });
    const gone = (await listCases(t)).find((c) => c.customerId === 'cust-gone') as CaseBody;
    await change(t, `/v1/cases/${gone.caseId}/notes`, { text: 'Her phone is 070-1234567' });
    const res = await t.app.request('/v1/respondents/cust-gone', {
      method: 'DELETE',
      headers: analyst(CASE_KEYS.admin),
    });
    expect(await res.json()).toMatchObject({ cases: 1 });
    expect((await listCases(t)).map((c) => c.customerId)).toEqual(['cust-stays']);
    expect((await t.app.request(`/v1/cases/${gone.caseId}`, { headers: analyst() })).status).toBe(
      404,
    );
  });
});

describe('responses link to their cases', () => {
  it('each JSON row carries its caseId (or null), within the key’s scope', async () => {
    const t = setup();
    const malmo = await answer(t, 2, { customerId: 'cust-m', unit: 'malmo', comment: 'Cold' });
    const lund = await answer(t, 1, { customerId: 'cust-l', unit: 'lund', comment: 'Rude' });
    const happy = await answer(t, 10, { customerId: 'cust-h', unit: 'malmo', comment: 'Great' });
    const cases = await listCases(t);
    const caseOf = (responseId: string) => cases.find((c) => c.responseId === responseId)?.caseId;
    const rows = async (key: string) =>
      Object.fromEntries(
        (
          await json(
            await t.app.request('/v1/responses?hasComment=true', { headers: analyst(key) }),
          )
        ).responses.map((row: { responseId: string; caseId: string | null }) => [
          row.responseId,
          row.caseId,
        ]),
      );
    expect(await rows(CASE_KEYS.admin)).toEqual({
      [malmo.responseId]: caseOf(malmo.responseId),
      [lund.responseId]: caseOf(lund.responseId),
      [happy.responseId]: null,
    });
    expect(await rows(CASE_KEYS.malmo)).toEqual({
      [malmo.responseId]: caseOf(malmo.responseId),
      [happy.responseId]: null,
    });
  });
});

describe('GET /v1/cases/options', () => {
  it('lists root causes, the SLA and the owners a key may assign to (not other stores’ managers)', async () => {
    const t = setup({ rootCauses: ['product', 'staff'] });
    const all = await json(await t.app.request('/v1/cases/options', { headers: analyst() }));
    expect(all).toEqual({
      rootCauses: ['product', 'staff'],
      firstContactHours: 48,
      owners: [
        { id: 'malmo-manager', name: 'Malmö manager', units: ['malmo'] },
        { id: 'lund-manager', name: 'Lund manager', units: ['lund'] },
        { id: 'web-team', name: 'Web team', units: null },
        { id: 'head-office', name: 'Head office', units: null },
      ],
    });
    const malmo = await json(
      await t.app.request('/v1/cases/options', { headers: analyst(CASE_KEYS.malmo) }),
    );
    expect(malmo.owners.map((owner: { id: string }) => owner.id)).toEqual([
      'malmo-manager',
      'web-team',
      'head-office',
    ]);
    expect(JSON.stringify(malmo)).not.toContain('Lund');
    const bad = await t.app.request('/v1/cases/options?x=1', { headers: analyst() });
    expect(bad.status).toBe(400);
  });
});
