import { classify } from '@npskit/core';
import type { SignedClaims } from '@npskit/core/signing';
import type { CategoryName } from '../store/types.js';
import { createRandom, type Random } from './random.js';
import { DEMO_STORES, type DemoStore, employeeShift, type Mix } from './stores.js';
import { COMMENTS, EMOTIONS } from './texts.js';

/** The custom context key and value every seeded event carries, so demo rows can be found and purged. */
export const DEMO_MARK = { key: 'demo', value: 'seed-demo' } as const;

/** A batch as the widget would send it, and when the collector receives it. */
export interface DemoBatch {
  body: { site: string; sentAt: string; events: Record<string, unknown>[] };
  receivedAt: number;
}

/** Options for `generateDemoHistory`. */
export interface DemoOptions {
  siteKey: string;
  /** The transactional survey (checkout) and the relationship survey ids of the site. */
  checkoutSurvey: string;
  relationshipSurvey?: string | undefined;
  /** History ends here (epoch ms); nothing is later. */
  now: number;
  days: number;
  seed: number;
  /**
   * Signs claims with the site secret, as the shop's server does: when given, most orders carry a
   * signed order token (customer, order id, value, currency, store, employee) and are `verified`.
   */
  sign?: ((claims: SignedClaims) => string) | undefined;
}

/** Share of checkout orders the demo shop's server signs (the rest: a guest checkout, an old page). */
const SIGNED_SHARE = 0.85;

const DAY_MS = 86_400_000;
const PRICES_SEK = [139, 149, 169] as const;
const PRICES_EUR = [13, 14, 16] as const;

function scoreFor(random: Random, mix: Mix): number {
  const roll = random.next();
  if (roll < mix.promoters) return random.chance(0.55) ? 10 : 9;
  if (roll < mix.promoters + mix.detractors) {
    return random.pick([
      [6, 4],
      [5, 3],
      [4, 2],
      [3, 2],
      [2, 1],
      [1, 1],
      [0, 1],
    ] as const);
  }
  return random.chance(0.5) ? 8 : 7;
}

function shifted(mix: Mix, shift: number): Mix {
  const promoters = Math.min(0.95, Math.max(0, mix.promoters + shift));
  const detractors = Math.min(1 - promoters, Math.max(0, mix.detractors - shift / 2));
  return { promoters, detractors };
}

interface Visit {
  at: number;
  store: DemoStore;
  surveyId: string;
  kind: 'transactional' | 'relationship';
}

/**
 * A realistic history for the demo shop, oldest first: every store's checkout surveys (displays,
 * answers at the store's response rate, emotions, Swedish and English comments, order values in
 * SEK and, for home delivery, some EUR) and a trickle of relationship surveys from "My account".
 * Pure and seeded: the same options give the same batches.
 */
export function* generateDemoHistory(options: DemoOptions): Generator<DemoBatch> {
  const random = createRandom(options.seed);
  const firstDay = Math.floor(options.now / DAY_MS) - options.days + 1;
  let order = 10_000;
  let customer = 0;
  for (let day = firstDay; day <= Math.floor(options.now / DAY_MS); day += 1) {
    const dayStart = day * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const visits: Visit[] = [];
    for (const store of DEMO_STORES) {
      const busy = store.unit === 'web' ? 1 : weekend ? 1.3 : 1;
      const count = random.poisson(store.displaysPerDay * busy);
      for (let index = 0; index < count; index += 1) {
        // Opening hours 07:00–18:00 UTC (08–20 in Sweden); the web shop around the clock.
        const from = store.unit === 'web' ? 0 : 7 * 3_600_000;
        const span = store.unit === 'web' ? DAY_MS : 11 * 3_600_000;
        visits.push({
          at: dayStart + from + Math.floor(random.next() * span),
          store,
          surveyId: options.checkoutSurvey,
          kind: 'transactional',
        });
      }
      if (options.relationshipSurvey) {
        for (let index = random.poisson(1.2); index > 0; index -= 1) {
          visits.push({
            at: dayStart + Math.floor(random.next() * DAY_MS),
            store,
            surveyId: options.relationshipSurvey,
            kind: 'relationship',
          });
        }
      }
    }
    visits.sort((a, b) => a.at - b.at);
    for (const visit of visits) {
      if (visit.at + 120_000 > options.now) continue;
      customer += 1;
      order += random.int(1, 7);
      yield visitBatch(random, options, visit, customer, order);
    }
  }
}

function visitBatch(
  random: Random,
  options: DemoOptions,
  visit: Visit,
  customer: number,
  orderNumber: number,
): DemoBatch {
  const { store } = visit;
  const employee = store.employees[random.int(0, store.employees.length - 1)] ?? 'emp-unknown';
  const daysAgo = (options.now - visit.at) / DAY_MS;
  const base = store.drop && daysAgo <= store.drop.daysAgo ? store.drop.mix : store.mix;
  const mix = shifted(base, employeeShift(store, employee));
  const responseId = random.uuid();
  const respondent = {
    anonymousId: random.uuid(),
    // The seed is part of the id: a purge tombstones these customers, and a later run with another
    // seed must not collide with them.
    ...(random.chance(0.75)
      ? { customerId: `demo-${options.seed.toString(36)}-${String(customer).padStart(6, '0')}` }
      : {}),
  };
  const context: Record<string, string | number> = { [DEMO_MARK.key]: DEMO_MARK.value };
  if (visit.kind === 'transactional') {
    const euro = store.unit === 'web' && random.chance(0.1);
    const prices = euro ? PRICES_EUR : PRICES_SEK;
    let value = 0;
    for (
      let bags = random.pick([
        [1, 5],
        [2, 4],
        [3, 2],
        [4, 1],
      ] as const);
      bags > 0;
      bags -= 1
    ) {
      value += prices[random.int(0, prices.length - 1)] ?? 0;
    }
    Object.assign(context, {
      touchpoint: 'checkout',
      unit: store.unit,
      employee,
      orderId: `NC-${orderNumber}`,
      orderValue: value,
      currency: euro ? 'EUR' : 'SEK',
      locale: random.chance(0.8) ? 'sv-SE' : 'en-GB',
    });
  } else {
    Object.assign(context, { touchpoint: 'account', unit: store.unit, locale: 'sv-SE' });
  }
  const rate = visit.kind === 'relationship' ? 0.5 : store.responseRate;
  let signed: string[] | undefined;
  if (options.sign && visit.kind === 'transactional' && random.chance(SIGNED_SHARE)) {
    signed = [
      options.sign({
        ...(respondent.customerId ? { customerId: respondent.customerId } : {}),
        orderId: String(context.orderId),
        orderValue: Number(context.orderValue),
        currency: String(context.currency),
        unit: store.unit,
        employee,
        exp: Math.floor(visit.at / 1000) + 7 * 86_400,
      }),
    ];
  }
  const event = (type: string, at: number, extra: Record<string, unknown> = {}) => ({
    id: random.uuid(),
    type,
    surveyId: visit.surveyId,
    responseId,
    at: new Date(at).toISOString(),
    respondent,
    context,
    ...(signed ? { signed } : {}),
    ...extra,
  });
  const events = [event('display', visit.at)];
  let last = visit.at;
  if (random.chance(rate)) {
    const score = scoreFor(random, mix);
    last += random.int(3, 40) * 1000;
    events.push(event('answer', last, { score }));
    const category: CategoryName = classify(score);
    const emotion = random.chance(0.65) ? random.pick(EMOTIONS[category]) : undefined;
    const writes = random.chance(category === 'detractor' ? 0.45 : 0.25);
    if (emotion || writes) {
      const pool = COMMENTS[category][random.chance(0.75) ? 'sv' : 'en'];
      const comment = writes ? pool[random.int(0, pool.length - 1)] : undefined;
      last += random.int(5, 60) * 1000;
      events.push(
        event('followup', last, {
          ...(emotion ? { emotion } : {}),
          ...(comment ? { comment } : {}),
        }),
      );
    }
  } else if (random.chance(0.45)) {
    last += random.int(2, 20) * 1000;
    events.push(event('dismiss', last));
  }
  const receivedAt = last + random.int(80, 400);
  return {
    body: { site: options.siteKey, sentAt: new Date(last + 50).toISOString(), events },
    receivedAt,
  };
}
