import type { CollectorConfigInput } from '../src/schema/config.js';

/** Fixed ids so failures are reproducible. */
export const IDS = {
  event: '5f0c6a3e-2b1d-4c8e-9a7f-3e2d1c0b9a81',
  event2: '5f0c6a3e-2b1d-4c8e-9a7f-3e2d1c0b9a82',
  response: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  anonymous: '0b7e4c1e-3f6a-4b8e-9c2d-5a1f0e2d3c4b',
} as const;

/** One valid event of each type, sharing a response id like one real display. */
export function validEvents() {
  // A function, so every event gets its own respondent object that a test may change alone.
  const base = () => ({
    surveyId: 'checkout',
    responseId: IDS.response,
    at: '2025-06-01T12:00:00.000Z',
    respondent: { anonymousId: IDS.anonymous, customerId: 'cust-42' },
  });
  return [
    { ...base(), id: IDS.event, type: 'display' },
    {
      ...base(),
      id: IDS.event2,
      type: 'answer',
      score: 9,
      context: {
        touchpoint: 'checkout',
        unit: 'stockholm',
        employee: 'e-17',
        orderId: 'A-1001',
        orderValue: 349,
        currency: 'SEK',
        locale: 'sv',
        page: 'https://shop.example/checkout/thanks',
        campaign: 'spring',
        basketSize: 3,
      },
    },
    {
      ...base(),
      id: '5f0c6a3e-2b1d-4c8e-9a7f-3e2d1c0b9a83',
      type: 'followup',
      emotion: 'happy',
      comment: 'Quick delivery.',
    },
    { ...base(), id: '5f0c6a3e-2b1d-4c8e-9a7f-3e2d1c0b9a84', type: 'dismiss' },
  ] as Array<Record<string, unknown>>;
}

/** A valid `POST /v1/events` body. */
export function validBatch(events = validEvents()) {
  return { site: 'pk_demo_shop_0001', sentAt: '2025-06-01T12:00:01.000Z', events };
}

/** A config shaped like the demo's `demo/collector.config.json` (two surveys, one site). */
export function demoLikeConfig(): CollectorConfigInput {
  return {
    $schema: '../packages/core/schema/collector-config.schema.json',
    sites: [
      {
        key: 'pk_demo_shop_0001',
        name: 'Demo shop',
        origins: ['http://127.0.0.1:5173', 'http://localhost:5173'],
        surveys: ['checkout', 'relationship'],
      },
    ],
    surveys: [
      {
        id: 'checkout',
        kind: 'transactional',
        brand: 'Demo Shop',
        emotions: { enabled: true },
        sampling: { rate: 1 },
        triggers: [{ on: 'event', event: 'purchase' }],
      },
      {
        id: 'relationship',
        kind: 'relationship',
        brand: 'Demo Shop',
        sampling: { rate: 1 },
        triggers: [{ on: 'pageview', url: { include: ['/account*'] } }],
      },
    ],
    readKeys: [
      {
        name: 'demo analyst',
        sha256: '0000000000000000000000000000000000000000000000000000000000000000',
      },
    ],
  };
}
