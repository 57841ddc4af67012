import { describe, expect, it } from 'vitest';
import type { ResponseFilter, ResponseOrder, Store } from '../types.js';
import { answered, collect, storedEvent, T0 } from './fixtures.js';

/** Stores one answered response per comment (null: none), in this order. */
async function seed(store: Store, comments: ReadonlyArray<string | null>): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, comment] of comments.entries()) {
    const [display, answer] = answered(index % 11, { at: T0 + index * 60_000 });
    const events = [display, answer];
    if (comment !== null) {
      events.push(
        storedEvent({
          responseId: display.responseId,
          anonymousId: display.anonymousId,
          type: 'followup',
          comment,
          at: display.at + 5000,
        }),
      );
    }
    // One batch per response: the stored order is the order of `comments`.
    await store.insertEvents(events);
    ids.push(display.responseId);
  }
  return ids;
}

/** Every page of `limit` rows, following cursors the way `GET /v1/responses` does. */
async function pages(
  store: Store,
  filter: ResponseFilter,
  order: ResponseOrder,
  limit: number,
): Promise<string[][]> {
  const result: string[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = { limit, order, ...(after !== undefined ? { after } : {}) };
    const rows = await collect(store.streamResponses(filter, page));
    result.push(rows.map((row) => row.comment ?? '∅'));
    const end = await store.pageEnd(filter, after, limit, order);
    if (end === null) return result;
    expect(end).toBe(rows.at(-1)?.cursor);
    after = end;
  }
  throw new Error('pages never ended');
}

/** The comments view: responses with a comment, a case-insensitive text search, newest first. */
export function commentSearchContract(getStore: () => Store): void {
  describe('comment search and newest-first paging', () => {
    const COMMENTS = [
      'Slow delivery',
      null,
      '',
      'ÅTGÄRDA leveransen, tack',
      'Great coffee',
      'delivery was fine: 100% on time',
      'Åtgärda kassan',
      'a_b',
    ];

    it('keeps only responses with a comment, or only those without', async () => {
      const store = getStore();
      await seed(store, COMMENTS);
      const withComment = await collect(store.streamResponses({ hasComment: true }));
      expect(withComment.map((row) => row.comment)).toEqual(
        COMMENTS.filter((comment) => comment !== null && comment !== ''),
      );
      const without = await collect(store.streamResponses({ hasComment: false }));
      expect(without).toHaveLength(2);
      for (const row of without) expect(row.comment ?? '').toBe('');
    });

    it('finds a text ignoring case in every script, with % and _ as plain characters', async () => {
      const store = getStore();
      await seed(store, COMMENTS);
      const find = async (text: string) =>
        (await collect(store.streamResponses({ commentContains: text }))).map((row) => row.comment);
      expect(await find('DELIVERY')).toEqual(['Slow delivery', 'delivery was fine: 100% on time']);
      expect(await find('åtgärda')).toEqual(['ÅTGÄRDA leveransen, tack', 'Åtgärda kassan']);
      expect(await find('ÅTGÄRDA K')).toEqual(['Åtgärda kassan']);
      expect(await find('100%')).toEqual(['delivery was fine: 100% on time']);
      expect(await find('%')).toEqual(['delivery was fine: 100% on time']);
      expect(await find('a_b')).toEqual(['a_b']);
      expect(await find('_')).toEqual(['a_b']);
      expect(await find('espresso')).toEqual([]);
      // Combined with the other filters (and a score filter on the same rows).
      expect(
        (
          await collect(
            store.streamResponses({ commentContains: 'delivery', category: 'detractor' }),
          )
        ).map((row) => row.comment),
      ).toEqual(['Slow delivery', 'delivery was fine: 100% on time']);
    });

    it('pages newest first with cursors, and oldest first as before', async () => {
      const store = getStore();
      await seed(store, COMMENTS);
      const filter = { hasComment: true };
      const stored = COMMENTS.filter((comment): comment is string => Boolean(comment));
      const newest = [...stored].reverse();
      expect(await pages(store, filter, 'desc', 2)).toEqual([
        newest.slice(0, 2),
        newest.slice(2, 4),
        newest.slice(4, 6),
      ]);
      expect(await pages(store, filter, 'asc', 4)).toEqual([stored.slice(0, 4), stored.slice(4)]);
      // A response stored after the first page does not shift the next one (keyset, not offset).
      const [first] = await pages(store, filter, 'desc', 2);
      const page = await collect(store.streamResponses(filter, { order: 'desc', limit: 2 }));
      await seed(store, ['Newer than every page']);
      const after = page.at(-1)?.cursor ?? 'no cursor';
      const next = await collect(store.streamResponses(filter, { order: 'desc', limit: 2, after }));
      expect(first).toEqual(newest.slice(0, 2));
      expect(next.map((row) => row.comment)).toEqual(newest.slice(2, 4));
    });
  });
}
