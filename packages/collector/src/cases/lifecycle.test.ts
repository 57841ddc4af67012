import { casesConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import type { CaseRow, CaseStatus } from '../store/case-types.js';
import { type CaseChange, decideChange, isRefusal } from './lifecycle.js';

const cases = casesConfigSchema.parse({
  owners: [
    { id: 'a', name: 'A' },
    { id: 'b', name: 'B' },
  ],
  recovery: { afterDays: 10 },
});
const ctx = { now: 5_000, actor: 'malmö key', cases };
const row = (status: CaseStatus, customerId: string | null = 'cust-1'): CaseRow => ({
  caseId: 'c1',
  responseId: 'r1',
  siteKey: 'pk_x',
  surveyId: 'checkout',
  surveyKind: 'transactional',
  customerId,
  verified: true,
  anonymousId: 'anon',
  unit: 'malmo',
  touchpoint: null,
  ownerId: 'a',
  status,
  score: 2,
  category: 'detractor',
  openedAt: 0,
  dueAt: 1000,
  contactedAt: status === 'open' ? null : 100,
  resolvedAt: null,
  closedAt: null,
  overdueAt: null,
  rootCause: null,
  recovery: { dueAt: null, responseId: null, score: null, category: null, recovered: null },
  updatedAt: 0,
  comment: null,
  emotion: null,
  cursor: '1',
});

const close = (to: 'resolved' | 'closed_no_action', extra = {}): CaseChange => ({
  kind: 'transition',
  to,
  rootCause: 'delivery',
  note: 'Called and refunded',
  ...extra,
});

describe('decideChange: the lifecycle as a table', () => {
  const table: Array<
    [string, CaseStatus, CaseChange, 'ok' | 'invalid_transition' | 'invalid_change']
  > = [
    ['contact an open case', 'open', { kind: 'transition', to: 'contacted' }, 'ok'],
    [
      'contact it twice',
      'contacted',
      { kind: 'transition', to: 'contacted' },
      'invalid_transition',
    ],
    ['resolve before contact', 'open', close('resolved'), 'invalid_transition'],
    ['resolve after contact', 'contacted', close('resolved'), 'ok'],
    ['close an open case without action', 'open', close('closed_no_action'), 'ok'],
    ['close a contacted case without action', 'contacted', close('closed_no_action'), 'ok'],
    [
      'reopen a resolved case',
      'resolved',
      { kind: 'transition', to: 'contacted' },
      'invalid_transition',
    ],
    ['close a closed case', 'closed_no_action', close('resolved'), 'invalid_transition'],
    [
      'resolve without a root cause',
      'contacted',
      close('resolved', { rootCause: undefined }),
      'invalid_change',
    ],
    [
      'resolve with an unknown root cause',
      'contacted',
      close('resolved', { rootCause: 'fate' }),
      'invalid_change',
    ],
    [
      'resolve without a note',
      'contacted',
      close('resolved', { note: undefined }),
      'invalid_change',
    ],
    [
      'resolve with a blank note',
      'contacted',
      close('resolved', { note: '  \n ' }),
      'invalid_change',
    ],
    [
      'resolve with a 2001-character note',
      'contacted',
      close('resolved', { note: 'x'.repeat(2001) }),
      'invalid_change',
    ],
    ['a note on a resolved case', 'resolved', { kind: 'note', text: 'Called back' }, 'ok'],
    ['an empty note', 'open', { kind: 'note', text: '' }, 'invalid_change'],
    ['assign to another owner', 'open', { kind: 'assign', ownerId: 'b' }, 'ok'],
    ['assign to the same owner', 'open', { kind: 'assign', ownerId: 'a' }, 'invalid_change'],
    ['assign to an unknown owner', 'open', { kind: 'assign', ownerId: 'z' }, 'invalid_change'],
    ['assign a closed case', 'resolved', { kind: 'assign', ownerId: 'b' }, 'invalid_transition'],
  ];
  it.each(table)('%s (%s) → %s', (_name, status, change, outcome) => {
    const decided = decideChange(row(status), change, ctx);
    expect(isRefusal(decided) ? decided.refused : 'ok').toBe(outcome);
  });

  it('stamps each step and records who did it', () => {
    const contacted = decideChange(
      row('open'),
      { kind: 'transition', to: 'contacted', note: ' Called ' },
      ctx,
    );
    expect(contacted).toEqual({
      patch: { status: 'contacted', contactedAt: 5000, updatedAt: 5000 },
      history: [
        {
          at: 5000,
          actor: 'malmö key',
          action: 'contacted',
          fromStatus: 'open',
          toStatus: 'contacted',
          ownerId: 'a',
          rootCause: null,
          note: 'Called',
        },
      ],
    });
  });

  it('schedules the recovery follow-up at resolution, for a customer who can be asked', () => {
    const resolved = decideChange(row('contacted'), close('resolved'), ctx);
    expect(isRefusal(resolved) ? null : resolved.patch).toMatchObject({
      status: 'resolved',
      resolvedAt: 5000,
      rootCause: 'delivery',
      recovery: { dueAt: 5000 + 10 * 86_400_000 },
    });
    const anonymous = decideChange(row('contacted', null), close('resolved'), ctx);
    expect(isRefusal(anonymous) ? null : anonymous.patch.recovery).toBeUndefined();
    const closed = decideChange(row('open'), close('closed_no_action'), ctx);
    expect(isRefusal(closed) ? null : closed.patch).toMatchObject({
      closedAt: 5000,
      rootCause: 'delivery',
    });
  });
});
