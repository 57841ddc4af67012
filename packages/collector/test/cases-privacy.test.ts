import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS as DAY } from '@npskit/core';
import { describe, expect, it } from 'vitest';
import {
  answer,
  CASE_KEYS,
  casesAppPerTest,
  change,
  json,
  listCases,
  NOW,
} from './cases-helpers.js';
import { analyst, type TestApp } from './helpers.js';

const setup = casesAppPerTest();
const NOTE = 'Her number is 070-1234567, call after five';
const HOOK = { url: 'https://hooks.example/cases', on: ['case_opened' as const] };

/** Everything in the test's data directory (database, WAL, shared memory), as text. */
const filesText = (t: TestApp) =>
  readdirSync(t.dir)
    .map((name) => readFileSync(join(t.dir, name)).toString('latin1'))
    .join('\n');

describe('a respondent’s cases are personal data too', () => {
  it('erasure leaves no case note, comment or waiting alert of theirs in the SQLite file or WAL', async () => {
    const t = setup({}, { webhooks: [HOOK] });
    await answer(t, 1, { customerId: 'cust-erase', unit: 'malmo', comment: 'Zebra-7731 was rude' });
    await answer(t, 1, { customerId: 'cust-keep', unit: 'malmo' });
    const gone = (await listCases(t)).find((c) => c.customerId === 'cust-erase');
    expect((await change(t, `/v1/cases/${gone?.caseId}/notes`, { text: NOTE })).status).toBe(200);
    expect(filesText(t)).toContain(NOTE);
    const res = await t.app.request('/v1/respondents/cust-erase', {
      method: 'DELETE',
      headers: analyst(CASE_KEYS.admin),
    });
    expect(await json(res)).toMatchObject({ cases: 1, alerts: 1 });
    const text = filesText(t);
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain('Zebra-7731');
    expect(text).not.toContain('cust-erase');
    expect((await listCases(t)).map((c) => c.customerId)).toEqual(['cust-keep']);
  });

  it('the data-subject export includes their cases with every note and history entry', async () => {
    const t = setup();
    await answer(t, 2, { customerId: 'cust-dsar', unit: 'malmo' });
    const [opened] = await listCases(t);
    await change(t, `/v1/cases/${opened?.caseId}/notes`, { text: NOTE });
    const res = await t.app.request('/v1/respondents/cust-dsar', { headers: analyst() });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.cases).toHaveLength(1);
    expect(body.cases[0].case).toMatchObject({ caseId: opened?.caseId, customerId: 'cust-dsar' });
    expect(body.cases[0].history.map((h: { action: string }) => h.action)).toEqual([
      'opened',
      'note',
    ]);
    expect(JSON.stringify(body)).toContain(NOTE);
  });

  it('retention deletes old responses with their cases', async () => {
    const t = setup({}, { retention: { responsesMonths: 25 } });
    t.clock.now = NOW - 800 * DAY;
    await answer(t, 1, { customerId: 'cust-old', unit: 'malmo' });
    t.clock.now = NOW;
    await answer(t, 1, { customerId: 'cust-new', unit: 'malmo' });
    const result = await t.store.purge(
      { responsesBefore: NOW - 25 * 30 * DAY },
      { name: 'retention' },
    );
    expect(result.responses).toBe(1);
    expect((await listCases(t)).map((c) => c.customerId)).toEqual(['cust-new']);
  });
});
