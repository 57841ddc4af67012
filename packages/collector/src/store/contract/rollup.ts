import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreHandle } from '../store-contract.js';
import type { Dimension, NpsCountRow, ResponseFilter, Store } from '../types.js';
import type { ContractStoreOptions } from './cases.js';
import { ADMIN, emptyContext, storedEvent } from './fixtures.js';
import { bruteForce } from './nps-counts.js';

const HOUR = 3_600_000;
/** The data lives around the end of March 2025: a month boundary and Europe's DST change (a 23-hour day). */
const ORIGIN = Date.parse('2025-03-28T00:00:00Z');
const SPAN_HOURS = 24 * 6;
const ZONES = ['UTC', 'Europe/Stockholm', 'America/New_York', 'Asia/Kolkata'] as const;
const UNITS = [null, 'malmo', 'lund', 'Ålesund'] as const;
const EMPLOYEES = [null, 'e1', 'e2'] as const;
const TOUCHPOINTS = [null, 'checkout', 'delivery'] as const;
const EMOTIONS = ['happy', 'annoyed'] as const;
const RESPONDENTS = 4;

/** One change to the stored data, as generated (indexes pick existing responses and respondents). */
type Operation =
  | {
      kind: 'respond';
      respondent: number;
      hour: number;
      score: number | null;
      survey: 0 | 1;
      unit: number;
      employee: number;
      touchpoint: number;
      verified: boolean;
      email: boolean;
    }
  | { kind: 'change'; pick: number; hours: number; score: number }
  | { kind: 'late'; pick: number; hours: number }
  | { kind: 'emotion'; pick: number; emotion: number }
  | { kind: 'comment'; pick: number }
  | { kind: 'erase'; respondent: number }
  | { kind: 'purge'; hour: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('respond' as const),
      respondent: fc.nat(RESPONDENTS - 1),
      hour: fc.nat(SPAN_HOURS),
      score: fc.option(fc.integer({ min: 0, max: 10 }), { freq: 4 }),
      survey: fc.constantFrom(0 as const, 1 as const),
      unit: fc.nat(UNITS.length - 1),
      employee: fc.nat(EMPLOYEES.length - 1),
      touchpoint: fc.nat(TOUCHPOINTS.length - 1),
      verified: fc.boolean(),
      email: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      pick: fc.nat(),
      hours: fc.integer({ min: 1, max: 72 }),
      score: fc.integer({ min: 0, max: 10 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('late' as const),
      pick: fc.nat(),
      hours: fc.integer({ min: 1, max: 200 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('emotion' as const),
      pick: fc.nat(),
      emotion: fc.nat(EMOTIONS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('erase' as const),
      respondent: fc.nat(RESPONDENTS - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('purge' as const), hour: fc.nat(SPAN_HOURS / 4) }),
  },
);

/** An instant inside the data's span, at any minute (so windows rarely align with days). */
const instant = fc
  .integer({ min: -48 * 60, max: (SPAN_HOURS + 48) * 60 })
  .map((m) => ORIGIN + m * 60_000);

/** One filter field (a filter has a few: most summaries filter by one or two things). */
const field: fc.Arbitrary<ResponseFilter> = fc.oneof(
  fc.record({ surveyId: fc.constantFrom('checkout', 'relationship') }),
  fc.record({ surveyKind: fc.constantFrom('relationship' as const, 'transactional' as const) }),
  fc.record({ unit: fc.constantFrom('malmo', 'lund', 'Ålesund') }),
  fc.record({ employee: fc.constantFrom('e1', 'e2') }),
  fc.record({ touchpoint: fc.constantFrom('checkout', 'delivery') }),
  fc.record({ emotion: fc.constantFrom(...EMOTIONS) }),
  fc.record({ channel: fc.constantFrom('web', 'email') }),
  fc.record({
    category: fc.constantFrom('promoter' as const, 'passive' as const, 'detractor' as const),
  }),
  fc.record({ answered: fc.boolean() }),
  fc.record({ verified: fc.boolean() }),
  fc.record({ within: fc.record({ units: fc.subarray(['malmo', 'lund', 'Ålesund']) }) }),
);
/** A filter: up to two fields, and usually a window that does not start or end at a midnight. */
const filter: fc.Arbitrary<ResponseFilter> = fc
  .tuple(fc.array(field, { maxLength: 2 }), fc.option(fc.tuple(instant, instant), { freq: 3 }))
  .map(([fields, window]) => {
    const out: ResponseFilter = Object.assign({}, ...fields);
    if (window) {
      const [a, b] = window[0] <= window[1] ? window : [window[1], window[0]];
      out.from = a;
      out.to = b;
    }
    return out;
  });

const zone = fc.constantFrom(...ZONES);
const dimension: fc.Arbitrary<Dimension> = fc.oneof(
  fc.constant<Dimension>({ kind: 'context', key: 'unit' }),
  fc.constant<Dimension>({ kind: 'context', key: 'employee' }),
  fc.constant<Dimension>({ kind: 'context', key: 'touchpoint' }),
  fc.constant<Dimension>({ kind: 'emotion' }),
  fc.constant<Dimension>({ kind: 'survey' }),
  fc.constant<Dimension>({ kind: 'channel' }),
  fc.constant<Dimension>({ kind: 'category' }),
  fc.constant<Dimension>({ kind: 'verified' }),
  fc.record({
    kind: fc.constant('period' as const),
    grain: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
    timeZone: zone,
  }),
  fc
    .array(instant, { minLength: 1, maxLength: 2 })
    .map((boundaries): Dimension => ({ kind: 'timeBucket', boundaries })),
);
/** A question: a filter and up to three dimensions (at most one period and one set of buckets, as the API asks). */
const question = fc.record({
  filter,
  dimensions: fc
    .array(dimension, { maxLength: 3 })
    .filter((list) =>
      (['period', 'timeBucket'] as const).every(
        (kind) => list.filter((d) => d.kind === kind).length <= 1,
      ),
    ),
});

const byKeys = (rows: readonly NpsCountRow[]) =>
  [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));

interface Stored {
  responseId: string;
  anonymousId: string;
  customerId: string | null;
  at: number;
  surveyId: string;
}

/** Applies one generated operation through the Store API, as ingest, erasure and purge do. */
async function apply(store: Store, stored: Stored[], step: Operation): Promise<void> {
  const pick = (index: number) => stored[index % Math.max(1, stored.length)];
  const anonymous = (respondent: number) => `00000000-0000-4000-8000-00000000000${respondent}`;
  const base = (response: Stored) => ({
    responseId: response.responseId,
    anonymousId: response.anonymousId,
    customerId: response.customerId,
    surveyId: response.surveyId,
    surveyKind:
      response.surveyId === 'checkout' ? ('transactional' as const) : ('relationship' as const),
  });
  switch (step.kind) {
    case 'respond': {
      const at = ORIGIN + step.hour * HOUR + 17 * 60_000;
      const response: Stored = {
        responseId: randomUUID(),
        anonymousId: anonymous(step.respondent),
        customerId: step.verified ? `customer-${step.respondent}` : null,
        at,
        surveyId: step.survey === 0 ? 'checkout' : 'relationship',
      };
      const context = {
        ...emptyContext(),
        unit: UNITS[step.unit] ?? null,
        employee: EMPLOYEES[step.employee] ?? null,
        touchpoint: TOUCHPOINTS[step.touchpoint] ?? null,
      };
      const shared = {
        ...base(response),
        context,
        verified: step.verified,
        channel: step.email ? ('email' as const) : ('web' as const),
      };
      const events = [storedEvent({ ...shared, type: 'display', at })];
      if (step.score !== null) {
        events.push(storedEvent({ ...shared, type: 'answer', score: step.score, at: at + 1000 }));
      }
      await store.insertEvents(events);
      stored.push(response);
      return;
    }
    case 'change': {
      const response = pick(step.pick);
      if (!response) return;
      const at = response.at + step.hours * HOUR;
      await store.insertEvents([
        storedEvent({ ...base(response), type: 'answer', score: step.score, at }),
      ]);
      return;
    }
    case 'late': {
      const response = pick(step.pick);
      if (!response) return;
      response.at -= step.hours * HOUR;
      await store.insertEvents([
        storedEvent({ ...base(response), type: 'display', at: response.at }),
      ]);
      return;
    }
    case 'emotion': {
      const response = pick(step.pick);
      if (!response) return;
      await store.insertEvents([
        storedEvent({
          ...base(response),
          type: 'followup',
          emotion: EMOTIONS[step.emotion] ?? null,
          at: response.at + 2000,
        }),
      ]);
      return;
    }
    case 'comment': {
      const response = pick(step.pick);
      if (!response) return;
      await store.insertEvents([
        storedEvent({ ...base(response), type: 'followup', comment: 'ok', at: response.at + 3000 }),
      ]);
      return;
    }
    case 'erase': {
      await store.eraseRespondent(anonymous(step.respondent), ADMIN);
      const left = stored.filter((response) => response.anonymousId !== anonymous(step.respondent));
      stored.splice(0, stored.length, ...left);
      return;
    }
    case 'purge': {
      const before = ORIGIN + step.hour * HOUR;
      await store.purge({ responsesBefore: before, commentsBefore: before + DAY_HOURS }, ADMIN);
      return;
    }
  }
}
const DAY_HOURS = 24 * HOUR;

/**
 * The rollup's property (issue 15): whatever was ingested, changed, moved by a late event, erased or
 * purged, in whatever zone the rollup counts, every summary it answers equals counting the rows one
 * by one, and `checkRollup` finds no difference.
 */
export function rollupContract(
  getStore: () => Store,
  factory: (options?: ContractStoreOptions) => Promise<StoreHandle>,
): void {
  describe('npsCounts from the rollup', () => {
    it('equals counting every row, after random ingest, changes, late events, erasure and purge', async () => {
      const store = getStore();
      await fc.assert(
        fc.asyncProperty(
          zone,
          fc.array(operation, { minLength: 1, maxLength: 40 }),
          fc.array(question, { minLength: 1, maxLength: 6 }),
          async (timeZone, operations, questions) => {
            await store.rebuildRollup({ timeZone });
            const stored: Stored[] = [];
            for (const step of operations) await apply(store, stored, step);
            for (const { filter: asked, dimensions } of questions) {
              expect(
                byKeys(await store.npsCounts(asked, dimensions)),
                `${timeZone} ${JSON.stringify(asked)} ${JSON.stringify(dimensions)}`,
              ).toEqual(byKeys(await bruteForce(store, asked, dimensions)));
            }
            expect((await store.checkRollup()).differences).toBe(0);
          },
        ),
        { numRuns: 25 },
      );
    }, 120_000); // 25 random histories, each ingested event by event

    it('counts in the zone it is opened with, rebuilding once (not again on the next open)', async () => {
      const handle = await factory({ rollupTimeZone: 'Asia/Kolkata' });
      try {
        await handle.store.insertEvents([storedEvent({ at: ORIGIN + 20 * HOUR })]);
        const first = await handle.store.rollupStatus();
        expect(first).toMatchObject({ timeZone: 'Asia/Kolkata' });
        expect(first.builtAt).not.toBeNull();
        await handle.store.close();
        handle.store = await handle.reopen();
        expect(await handle.store.rollupStatus()).toEqual(first);
        // 20:00 UTC is the next day in Kolkata: the day rows say so.
        const days = await handle.store.npsCounts({}, [
          { kind: 'period', grain: 'day', timeZone: 'Asia/Kolkata' },
        ]);
        expect(days.map((row) => row.keys[0])).toEqual(['2025-03-29']);
        expect(await handle.store.checkRollup()).toMatchObject({ differences: 0 });
      } finally {
        await handle.store.close();
        await handle.cleanup();
      }
    });

    it('switches zones and reports its state', async () => {
      const store = getStore();
      expect((await store.rollupStatus()).timeZone).toBe('UTC');
      const status = await store.rebuildRollup({ timeZone: 'Europe/Stockholm' });
      expect(status).toMatchObject({ timeZone: 'Europe/Stockholm', rows: 0 });
      expect(status.builtAt).not.toBeNull();
      await store.insertEvents([storedEvent({ at: ORIGIN })]);
      expect(await store.checkRollup()).toMatchObject({ differences: 0 });
      expect((await store.rollupStatus()).rows).toBeGreaterThan(0);
    });
  });
}
