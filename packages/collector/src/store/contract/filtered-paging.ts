import { describe, expect, it } from 'vitest';
import { csvLine } from '../../analyst/csv.js';
import { createCsvRows } from '../../analyst/csv-rows.js';
import { EXPORT_AT, type ExportRow, exportRowToResponse } from '../export-rows.js';
import type { ResponseFilter, ResponseOrder, ResponseRow, Store } from '../types.js';
import { answered, collect, emptyContext, storedEvent, T0 } from './fixtures.js';

const TOUCHPOINTS = ['checkout', 'delivery', 'checkout', 'support', 'checkout'] as const;
const COUNT = 23;

/** Stores `COUNT` answered responses, one batch each (so the stored order is the index order). */
async function seed(store: Store): Promise<void> {
  for (let index = 0; index < COUNT; index += 1) {
    const touchpoint = TOUCHPOINTS[index % TOUCHPOINTS.length] ?? null;
    await store.insertEvents(
      answered(index % 11, {
        at: T0 + index * 60_000,
        context: {
          touchpoint,
          unit: index % 2 === 0 ? 'malmo' : 'lund',
          employee: null,
          orderId: touchpoint === 'checkout' ? `A-${index}` : null,
          orderValue: touchpoint === 'checkout' ? index * 10.5 : null,
          currency: touchpoint === 'checkout' ? 'SEK' : null,
          locale: 'sv-SE',
          page: null,
        },
        custom: index % 3 === 0 ? { segment: `s${index}` } : {},
        verified: index % 4 === 0,
      }),
    );
  }
}

/** Every page of `limit` rows, following cursors (and checking `pageEnd` agrees with them). */
async function walk(
  store: Store,
  filter: ResponseFilter,
  order: ResponseOrder,
  limit: number,
): Promise<ResponseRow[][]> {
  const result: ResponseRow[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = { limit, order, ...(after !== undefined ? { after } : {}) };
    const rows = await collect(store.streamResponses(filter, page));
    result.push(rows);
    const end = await store.pageEnd(filter, after, limit, order);
    if (end === null) return result;
    expect(end).toBe(rows.at(-1)?.cursor);
    after = end;
  }
  throw new Error('pages never ended');
}

async function exportRows(store: Store, filter: ResponseFilter, order: ResponseOrder) {
  const rows: ExportRow[] = [];
  for await (const batch of store.streamExportRows(filter, { order })) rows.push(...batch);
  return rows;
}

/** Cursor pages and export batches under a filter: every match once, in stored order. */
export function filteredPagingContract(getStore: () => Store): void {
  describe('filtered paging and export rows', () => {
    const filters: ResponseFilter[] = [
      { touchpoint: 'checkout' },
      { touchpoint: 'checkout', unit: 'malmo' },
      { within: { units: ['lund'] } },
      { category: 'detractor' },
    ];

    it('pages cover every matching row exactly once, in stored order, both ways', async () => {
      const store = getStore();
      await seed(store);
      const all = await collect(store.streamResponses({}));
      expect(all).toHaveLength(COUNT);
      const position = new Map(all.map((row, index) => [row.responseId, index]));
      for (const filter of filters) {
        const expected = await collect(store.streamResponses(filter));
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(2);
        const indexes = expected.map((row) => position.get(row.responseId) ?? -1);
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
        for (const order of ['asc', 'desc'] as const) {
          const rows = (await walk(store, filter, order, 2)).flat();
          const ids = rows.map((row) => row.responseId);
          const wanted = expected.map((row) => row.responseId);
          expect(ids, `${JSON.stringify(filter)} ${order}`).toEqual(
            order === 'asc' ? wanted : [...wanted].reverse(),
          );
        }
      }
    });

    it('streams CSV rows that write the bytes csvLine writes for the response rows', async () => {
      const store = getStore();
      await seed(store);
      // Cells that need quotes or a formula guard (units with a delimiter make SQLite's joined
      // segments unsplittable: read again as fields), and ones that start unusually but need none.
      const texts = [
        'a,b',
        'say "hi"',
        '=1+1',
        ' @x',
        'x;y',
        'line\nbreak',
        'unit\u001fsep',
        '\tt',
        'Örebro',
        '-5',
      ];
      for (const [index, text] of texts.entries()) {
        const [display, answer] = answered(index % 11, {
          at: T0 + (COUNT + index) * 60_000,
          context: { ...emptyContext(), touchpoint: 'checkout', unit: text, page: null },
          custom: { segment: text },
        });
        const comment = storedEvent({
          responseId: display.responseId,
          anonymousId: display.anonymousId,
          type: 'followup',
          comment: `${text} — comment`,
          at: display.at + 5000,
        });
        await store.insertEvents([display, answer, comment]);
      }
      const keys = ['segment', 'constructor'];
      for (const filter of [{}, { touchpoint: 'checkout' }]) {
        for (const delimiter of [',', ';'] as const) {
          const expected = (await collect(store.streamResponses(filter)))
            .map((row) => csvLine(row, keys, delimiter))
            .join('');
          const csv = createCsvRows(keys, delimiter);
          let text = '';
          for await (const rows of store.streamCsvRows(filter, {}, delimiter)) {
            text += csv(rows).toString('utf8');
          }
          expect(text).toBe(expected);
        }
      }
    });

    it('streams export rows equal to the response rows, in the same order', async () => {
      const store = getStore();
      await seed(store);
      for (const filter of [{}, ...filters]) {
        for (const order of ['asc', 'desc'] as const) {
          const rows = await collect(store.streamResponses(filter, { order }));
          const tuples = await exportRows(store, filter, order);
          expect(tuples.map(exportRowToResponse)).toEqual(rows);
          expect(tuples.every((tuple) => typeof tuple[EXPORT_AT.custom] === 'string')).toBe(true);
        }
      }
    });
  });
}
