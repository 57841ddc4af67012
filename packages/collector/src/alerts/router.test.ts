import { collectorConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { createAlertRouter } from './router.js';

const config = collectorConfigSchema.parse({
  sites: [
    {
      key: 'pk_router_site',
      name: 'S',
      origins: ['https://s.example'],
      surveys: ['checkout', 'nps'],
    },
  ],
  surveys: [
    {
      id: 'checkout',
      kind: 'transactional',
      brand: 'S',
      sampling: { rate: 1 },
      triggers: [{ on: 'pageview' }],
    },
    {
      id: 'nps',
      kind: 'relationship',
      brand: 'S',
      sampling: { rate: 1 },
      triggers: [{ on: 'pageview' }],
    },
  ],
  cases: {
    owners: [
      { id: 'malmo', name: 'M', units: ['malmo'], email: 'm@s.example' },
      { id: 'lund', name: 'L', units: ['lund'], email: 'l@s.example', digest: 'off' },
    ],
  },
  smtp: { host: 'mail.s.example', from: 'nps@s.example' },
  webhooks: [
    { id: 'all', url: 'https://h.example/all', on: ['answer'] },
    {
      id: 'malmo-detractors',
      url: 'https://h.example/m',
      on: ['detractor'],
      filter: { units: ['malmo'] },
    },
    {
      id: 'checkout-web',
      url: 'https://h.example/w',
      on: ['detractor'],
      filter: { surveys: ['checkout'], touchpoints: ['web'] },
    },
    {
      id: 'passives',
      url: 'https://h.example/p',
      on: ['answer'],
      filter: { categories: ['passive'] },
    },
    {
      id: 'cases-lund',
      url: 'https://h.example/c',
      on: ['case_opened', 'case_overdue'],
      filter: { owners: ['lund'] },
    },
    { id: 'digests', url: 'https://h.example/d', on: ['digest'], filter: { units: ['malmo'] } },
  ],
});
const router = createAlertRouter(config);
const subject = (overrides = {}) => ({
  surveyId: 'checkout',
  unit: 'malmo',
  touchpoint: 'web',
  category: 'detractor' as const,
  ownerId: 'malmo',
  ...overrides,
});

describe('routing filters per webhook: survey, store, touchpoint, category, owner, event type', () => {
  it('routes response alerts by every filter', () => {
    expect(router.forResponse('answer', subject())).toEqual([
      { destination: 'hook:all', type: 'answer' },
      { destination: 'hook:malmo-detractors', type: 'detractor' },
      { destination: 'hook:checkout-web', type: 'detractor' },
    ]);
    expect(router.forResponse('answer', subject({ unit: 'lund', surveyId: 'nps' }))).toEqual([
      { destination: 'hook:all', type: 'answer' },
    ]);
    expect(
      router.forResponse('answer', subject({ category: 'passive' })).map((d) => d.destination),
    ).toEqual(['hook:all', 'hook:passives']);
  });

  it('a follow-up goes where the answer went; a changed answer also where its old category went', () => {
    expect(router.forResponse('followup', subject()).map((d) => [d.destination, d.type])).toEqual([
      ['hook:all', 'followup'],
      ['hook:malmo-detractors', 'followup'],
      ['hook:checkout-web', 'followup'],
    ]);
    expect(
      router
        .forResponse(
          'answer_changed',
          subject({ category: 'promoter', touchpoint: null }),
          'detractor',
        )
        .map((d) => d.destination),
    ).toEqual(['hook:all', 'hook:malmo-detractors']);
  });

  it('routes case alerts to subscribed hooks and the owner’s e-mail; digests by owner and store', () => {
    expect(router.forCase('case_opened', subject())).toEqual(['owner:malmo']);
    expect(router.forCase('case_overdue', subject({ unit: 'lund', ownerId: 'lund' }))).toEqual([
      'hook:cases-lund',
      'owner:lund',
    ]);
    expect(router.forDigest({ id: 'malmo', units: ['malmo'] })).toEqual([
      'hook:digests',
      'owner:malmo',
    ]);
    expect(router.forDigest({ id: 'lund', units: ['lund'] })).toEqual([]);
  });
});
