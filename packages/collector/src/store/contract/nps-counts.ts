import { DAY_MS as DAY } from '@npskit/core';
import { periodOf } from '@npskit/core/period';
import { beforeEach, describe, expect, it } from 'vitest';
import { bandLabel } from '../band-label.js';
import type { Dimension, NpsCountRow, ResponseFilter, ResponseRow, Store } from '../types.js';
import { answered, collect, emptyContext, storedEvent, T0 } from './fixtures.js';

const at = (iso: string) => Date.parse(iso);

/** What `npsCounts` must return, computed the slow way: every row fetched and keyed in JavaScript. */
export function keyOf(row: ResponseRow, dimension: Dimension): string | null {
  switch (dimension.kind) {
    case 'survey':
      return row.surveyId;
    case 'surveyKind':
      return row.surveyKind;
    case 'site':
      return row.siteKey;
    case 'context':
      return row.context[dimension.key];
    case 'custom': {
      const value = row.custom[dimension.key];
      return value === undefined ? null : String(value);
    }
    case 'emotion':
      return row.emotion;
    case 'category':
      return row.category;
    case 'verified':
      return row.verified ? 'true' : 'false';
    case 'channel':
      return row.channel;
    case 'orderValueBand': {
      const value = row.context.orderValue;
      if (value === null) return null;
      if (dimension.currency !== null && row.context.currency !== dimension.currency) return null;
      const index = dimension.boundaries.findIndex((boundary) => value < boundary);
      return bandLabel(dimension.boundaries, index < 0 ? dimension.boundaries.length : index);
    }
    case 'period':
      return periodOf(row.at, dimension.grain, dimension.timeZone).key;
    case 'timeBucket':
      return String(dimension.boundaries.filter((boundary) => boundary <= row.at).length);
  }
}

/** `npsCounts` the slow way: every row of `streamResponses(filter)` keyed in JavaScript. */
export async function bruteForce(
  store: Store,
  filter: ResponseFilter,
  dimensions: readonly Dimension[],
): Promise<NpsCountRow[]> {
  const groups = new Map<string, NpsCountRow>();
  for (const row of await collect(store.streamResponses(filter))) {
    const keys = dimensions.map((dimension) => keyOf(row, dimension));
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? {
      keys,
      promoters: 0,
      passives: 0,
      detractors: 0,
      displays: 0,
      verified: 0,
    };
    groups.set(id, group);
    group.displays += 1;
    if (row.category === 'promoter') group.promoters += 1;
    if (row.category === 'passive') group.passives += 1;
    if (row.category === 'detractor') group.detractors += 1;
    if (row.category !== null && row.verified) group.verified += 1;
  }
  return [...groups.values()];
}

const byKeys = (rows: readonly NpsCountRow[]) =>
  [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));

/** A small seeded PRNG, so the comparison data set is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Counting, grouping by up to several dimensions, time zones and periods. */
export function npsCountsContract(getStore: () => Store): void {
  describe('npsCounts', () => {
    beforeEach(async () => {
      const ctx = (unit: string) => ({ ...emptyContext(), unit });
      await getStore().insertEvents([
        ...answered(10, { context: ctx('stockholm'), custom: { store: 'A' }, at: T0 }),
        ...answered(9, { context: ctx('stockholm'), custom: { store: 'A' }, at: T0 + 7 * DAY }),
        ...answered(3, { context: ctx('malmo'), custom: { store: 'B' }, at: T0 + 40 * DAY }),
        ...answered(8, {
          context: ctx('malmo'),
          at: T0 + 41 * DAY,
          surveyId: 'relationship',
          surveyKind: 'relationship',
        }),
        storedEvent({ type: 'display', context: ctx('malmo'), at: T0 + 40 * DAY }),
        storedEvent({ type: 'dismiss', context: ctx('malmo'), at: T0 + 40 * DAY }),
      ]);
      await getStore().insertEvents([storedEvent({ type: 'followup', emotion: 'happy', at: T0 })]);
    });

    it('counts categories and displays in one row without dimensions', async () => {
      expect(await getStore().npsCounts({ surveyId: 'checkout' })).toEqual([
        { keys: [], promoters: 2, passives: 0, detractors: 1, displays: 6, verified: 0 },
      ]);
      expect(await getStore().npsCounts({ unit: 'nowhere' })).toEqual([]);
    });

    it('groups by one dimension of every kind', async () => {
      const store = getStore();
      const groups = async (dimension: Dimension, filter: ResponseFilter = {}) =>
        (await store.npsCounts(filter, [dimension])).map((row) => [row.keys[0], row.displays]);
      expect(await groups({ kind: 'context', key: 'unit' })).toEqual([
        [null, 1],
        ['malmo', 4],
        ['stockholm', 2],
      ]);
      expect(await groups({ kind: 'custom', key: 'store' })).toEqual([
        [null, 4],
        ['A', 2],
        ['B', 1],
      ]);
      expect(await groups({ kind: 'emotion' })).toEqual([
        [null, 6],
        ['happy', 1],
      ]);
      expect(await groups({ kind: 'category' })).toEqual([
        [null, 3],
        ['detractor', 1],
        ['passive', 1],
        ['promoter', 2],
      ]);
      expect(await groups({ kind: 'survey' })).toEqual([
        ['checkout', 6],
        ['relationship', 1],
      ]);
      expect(await groups({ kind: 'surveyKind' })).toEqual([
        ['relationship', 1],
        ['transactional', 6],
      ]);
      expect(await groups({ kind: 'site' })).toEqual([['pk_contract_site', 7]]);
    });

    it('groups by two dimensions at once', async () => {
      const rows = await getStore().npsCounts({ answered: true }, [
        { kind: 'context', key: 'unit' },
        { kind: 'survey' },
      ]);
      expect(rows).toEqual([
        {
          keys: ['malmo', 'checkout'],
          promoters: 0,
          passives: 0,
          detractors: 1,
          displays: 1,
          verified: 0,
        },
        {
          keys: ['malmo', 'relationship'],
          promoters: 0,
          passives: 1,
          detractors: 0,
          displays: 1,
          verified: 0,
        },
        {
          keys: ['stockholm', 'checkout'],
          promoters: 2,
          passives: 0,
          detractors: 0,
          displays: 2,
          verified: 0,
        },
      ]);
      const byMonth = await getStore().npsCounts({ answered: true }, [
        { kind: 'period', grain: 'month', timeZone: 'UTC' },
        { kind: 'context', key: 'unit' },
      ]);
      expect(
        byMonth.map((row) => [...row.keys, row.promoters + row.passives + row.detractors]),
      ).toEqual([
        ['2025-03', 'stockholm', 2],
        ['2025-04', 'malmo', 2],
      ]);
    });

    it('bands order values per currency and never mixes currencies', async () => {
      const store = getStore();
      const order = (value: number, currency: string) => ({
        ...emptyContext(),
        orderValue: value,
        currency,
      });
      await store.insertEvents([
        ...answered(10, { context: order(150, 'SEK') }),
        ...answered(2, { context: order(200, 'SEK') }),
        ...answered(9, { context: order(999.5, 'SEK') }),
        ...answered(9, { context: order(5000, 'SEK') }),
        ...answered(6, { context: order(150, 'EUR') }),
      ]);
      const bands = async (currency: string | null) =>
        (
          await store.npsCounts({ answered: true }, [
            { kind: 'orderValueBand', boundaries: [0, 200, 500, 1000], currency },
          ])
        ).map((row) => [row.keys[0], row.promoters, row.detractors]);
      expect(await bands('SEK')).toEqual([
        [null, 2, 2], // no order value, or euros
        ['0-200', 1, 0],
        ['1000+', 1, 0],
        ['200-500', 0, 1],
        ['500-1000', 1, 0],
      ]);
      expect((await bands('EUR')).find(([key]) => key === '0-200')).toEqual(['0-200', 0, 1]);
    });

    it('splits time into buckets at exact instants (sampling-rate changes)', async () => {
      const rows = await getStore().npsCounts({}, [
        { kind: 'timeBucket', boundaries: [T0 + 7 * DAY, T0 + 7 * DAY + 1000] },
      ]);
      // A response's time is its first event: the display at T0 + 7 days puts it in bucket 1.
      expect(rows.map((row) => [row.keys[0], row.displays])).toEqual([
        ['0', 2],
        ['1', 1],
        ['2', 4],
      ]);
    });
  });

  describe('npsCounts periods in UTC (ISO weeks, quarters, years)', () => {
    const periods = async (
      grain: 'day' | 'week' | 'month' | 'quarter' | 'year',
      filter: ResponseFilter = {},
      timeZone = 'UTC',
    ) =>
      (await getStore().npsCounts(filter, [{ kind: 'period', grain, timeZone }])).map((row) => [
        row.keys[0],
        row.displays,
      ]);
    beforeEach(async () => {
      await getStore().insertEvents(
        [
          '2024-02-29T23:59:59.999Z', // leap day, last millisecond of February
          '2024-03-01T00:00:00.000Z',
          '2024-12-29T23:59:59.999Z', // Sunday of ISO week 2024-W52
          '2024-12-30T00:00:00.000Z', // Monday of ISO week 2025-W01, in December
          '2025-01-05T23:59:59.999Z', // Sunday of that week, in January
          '2025-01-06T00:00:00.000Z', // next Monday
          '2025-03-31T23:30:00-02:00', // 2025-04-01T01:30Z: April in UTC, March on the wall
        ].map((iso) => storedEvent({ at: at(iso) })),
      );
    });

    it('splits days at 00:00 UTC', async () => {
      expect(await periods('day')).toEqual([
        ['2024-02-29', 1],
        ['2024-03-01', 1],
        ['2024-12-29', 1],
        ['2024-12-30', 1],
        ['2025-01-05', 1],
        ['2025-01-06', 1],
        ['2025-04-01', 1],
      ]);
    });

    it('keys ISO weeks by week-year and number, across month and year ends', async () => {
      expect(await periods('week')).toEqual([
        ['2024-W09', 2],
        ['2024-W52', 1],
        ['2025-W01', 2],
        ['2025-W02', 1],
        ['2025-W14', 1],
      ]);
    });

    it('splits months, quarters and years at their first day 00:00 UTC', async () => {
      expect(await periods('month')).toEqual([
        ['2024-02', 1],
        ['2024-03', 1],
        ['2024-12', 2],
        ['2025-01', 2],
        ['2025-04', 1],
      ]);
      expect(await periods('quarter')).toEqual([
        ['2024-Q1', 2],
        ['2024-Q4', 2],
        ['2025-Q1', 2],
        ['2025-Q2', 1],
      ]);
      expect(await periods('year')).toEqual([
        ['2024', 4],
        ['2025', 3],
      ]);
    });

    it('applies from/to to the exact time, not to whole periods', async () => {
      const filter = { from: at('2024-12-29T23:59:59.999Z'), to: at('2025-01-05T23:59:59.999Z') };
      expect(await periods('day', filter)).toEqual([
        ['2024-12-29', 1],
        ['2024-12-30', 1],
      ]);
      expect(await periods('week', filter)).toEqual([
        ['2024-W52', 1],
        ['2025-W01', 1],
      ]);
    });

    it('puts the wall-clock month in a time zone: 2025-04-01T01:30Z is March in São Paulo', async () => {
      expect(await periods('month', {}, 'America/Sao_Paulo')).toContainEqual(['2025-03', 1]);
      expect(await periods('month', {}, 'America/Sao_Paulo')).not.toContainEqual(['2025-04', 1]);
    });

    it('groups times before 1970 by their UTC day too', async () => {
      await getStore().insertEvents([
        storedEvent({ at: at('1969-12-28T23:59:59Z') }),
        storedEvent({ at: at('1969-12-29T00:00:00Z') }),
      ]);
      const filter = { to: 0 };
      expect(await periods('day', filter)).toEqual([
        ['1969-12-28', 1],
        ['1969-12-29', 1],
      ]);
      expect(await periods('week', filter)).toEqual([
        ['1969-W52', 1],
        ['1970-W01', 1],
      ]);
      expect(await periods('month', filter)).toEqual([['1969-12', 2]]);
    });
  });

  describe('npsCounts in Europe/Stockholm across daylight-saving changes', () => {
    const STOCKHOLM = 'Europe/Stockholm';
    beforeEach(async () => {
      await getStore().insertEvents(
        [
          '2025-03-29T22:59:59.999Z', // 23:59:59 CET on Saturday 29 March
          '2025-03-29T23:00:00.000Z', // 00:00 CET on Sunday 30 March
          '2025-03-30T21:59:59.999Z', // 23:59:59 CEST, still the 30th (a 23-hour day)
          '2025-03-30T22:00:00.000Z', // Monday 31 March, ISO week 14
          '2025-03-31T21:59:59.999Z', // last millisecond of March on the wall
          '2025-03-31T22:00:00.000Z', // 1 April 00:00 CEST (UTC still says 31 March)
          '2025-10-25T22:00:00.000Z', // 26 October 00:00 CEST (a 25-hour day)
          '2025-10-26T22:59:59.999Z', // 23:59:59 CET, still the 26th
          '2025-10-26T23:00:00.000Z', // 27 October
          '2025-12-31T23:00:00.000Z', // 2026-01-01 00:00 CET: a new year, a new quarter
        ].map((iso) => storedEvent({ at: at(iso) })),
      );
    });
    const periods = async (grain: 'day' | 'week' | 'month' | 'quarter' | 'year') =>
      (await getStore().npsCounts({}, [{ kind: 'period', grain, timeZone: STOCKHOLM }])).map(
        (row) => [row.keys[0], row.displays],
      );

    it('days start at local midnight, 23 and 25 hours long at the changes', async () => {
      expect(await periods('day')).toEqual([
        ['2025-03-29', 1],
        ['2025-03-30', 2],
        ['2025-03-31', 2],
        ['2025-04-01', 1],
        ['2025-10-26', 2],
        ['2025-10-27', 1],
        ['2026-01-01', 1],
      ]);
    });

    it('weeks, months, quarters and years follow the wall clock', async () => {
      expect(await periods('week')).toEqual([
        ['2025-W13', 3],
        ['2025-W14', 3],
        ['2025-W43', 2],
        ['2025-W44', 1],
        ['2026-W01', 1],
      ]);
      expect(await periods('month')).toEqual([
        ['2025-03', 5],
        ['2025-04', 1],
        ['2025-10', 3],
        ['2026-01', 1],
      ]);
      expect(await periods('quarter')).toEqual([
        ['2025-Q1', 5],
        ['2025-Q2', 1],
        ['2025-Q4', 3],
        ['2026-Q1', 1],
      ]);
      expect(await periods('year')).toEqual([
        ['2025', 9],
        ['2026', 1],
      ]);
    });
  });

  describe('npsCounts equals counting every row by hand (random data around DST changes)', () => {
    const ZONES = ['UTC', 'Europe/Stockholm', 'America/New_York', 'Asia/Kolkata'];
    beforeEach(async () => {
      const next = random(20250330);
      const changes = [
        at('2025-03-30T01:00:00Z'),
        at('2025-10-26T01:00:00Z'),
        at('2025-03-09T07:00:00Z'),
      ];
      const events = [];
      for (let i = 0; i < 240; i += 1) {
        const around = changes[Math.floor(next() * changes.length)] ?? T0;
        const instant = around + Math.floor((next() - 0.5) * 6 * DAY);
        const score = next() < 0.15 ? null : Math.floor(next() * 11);
        const context = {
          ...emptyContext(),
          unit: next() < 0.1 ? null : `unit-${Math.floor(next() * 3)}`,
          orderValue: next() < 0.2 ? null : Math.round(next() * 1500),
          currency: next() < 0.8 ? 'SEK' : 'EUR',
        };
        const survey = next() < 0.3 ? 'relationship' : 'checkout';
        const base = {
          at: instant,
          context,
          surveyId: survey,
          surveyKind:
            survey === 'checkout' ? ('transactional' as const) : ('relationship' as const),
          custom: next() < 0.5 ? { cohort: Math.floor(next() * 2) } : {},
        };
        if (score === null) events.push(storedEvent({ ...base, type: 'display' }));
        else events.push(...answered(score, base));
      }
      await getStore().insertEvents(events);
    });

    const DIMENSION_SETS: ReadonlyArray<(timeZone: string) => Dimension[]> = [
      (timeZone) => [{ kind: 'period', grain: 'day', timeZone }],
      (timeZone) => [{ kind: 'period', grain: 'week', timeZone }, { kind: 'survey' }],
      (timeZone) => [
        { kind: 'context', key: 'unit' },
        { kind: 'period', grain: 'month', timeZone },
      ],
      (timeZone) => [
        { kind: 'context', key: 'unit' },
        { kind: 'survey' },
        { kind: 'period', grain: 'day', timeZone },
      ],
      (timeZone) => [{ kind: 'period', grain: 'quarter', timeZone }, { kind: 'category' }],
      (timeZone) => [
        { kind: 'survey' },
        { kind: 'timeBucket', boundaries: [at('2025-03-30T12:34:56Z')] },
        { kind: 'period', grain: 'day', timeZone },
      ],
      () => [
        { kind: 'context', key: 'unit' },
        { kind: 'survey' },
        {
          kind: 'timeBucket',
          boundaries: [at('2025-03-30T12:34:56Z'), at('2025-10-26T00:30:00Z')],
        },
      ],
      () => [{ kind: 'custom', key: 'cohort' }, { kind: 'survey' }],
      () => [{ kind: 'orderValueBand', boundaries: [0, 200, 500, 1000], currency: 'SEK' }],
    ];

    it('for every zone, dimension set and filter', async () => {
      const store = getStore();
      const filters: ResponseFilter[] = [
        {},
        { answered: true },
        { surveyId: 'checkout', from: at('2025-03-28T00:00:00Z'), to: at('2025-10-27T00:00:00Z') },
        { unit: 'unit-1' },
        { within: { units: ['unit-0', 'unit-2'] } },
      ];
      for (const timeZone of ZONES) {
        for (const dimensions of DIMENSION_SETS) {
          for (const filter of filters) {
            const dims = dimensions(timeZone);
            expect(
              byKeys(await store.npsCounts(filter, dims)),
              `${timeZone} ${JSON.stringify(dims)} ${JSON.stringify(filter)}`,
            ).toEqual(byKeys(await bruteForce(store, filter, dims)));
          }
        }
      }
    }, 30_000); // 180 questions, each a few round trips on Postgres
  });
}
