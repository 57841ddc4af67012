import { DAY_MS } from '@npskit/core';
import type { NpsEvent } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { createMemoryKv } from '../state/memory-kv.js';
import { capQueue, createQueue, QUEUE_CAPS } from './queue.js';

const event = (id: string): NpsEvent => ({
  id,
  type: 'display',
  surveyId: 's',
  responseId: 'r',
  at: '2025-01-01T00:00:00.000Z',
  respondent: { anonymousId: 'a' },
});

describe('capQueue', () => {
  it('keeps the newest events when over the count cap (oldest out)', () => {
    const items = Array.from({ length: 205 }, (_, i) => ({ e: event(`e${i}`), t: 1000 + i }));
    const kept = capQueue(items, 2000);
    expect(kept).toHaveLength(QUEUE_CAPS.maxCount);
    expect(kept[0]?.e.id).toBe('e5');
    expect(kept.at(-1)?.e.id).toBe('e204');
  });

  it('drops events older than the age cap', () => {
    const now = 10 * DAY_MS;
    const kept = capQueue(
      [
        { e: event('old'), t: now - 8 * DAY_MS },
        { e: event('fresh'), t: now - 6 * DAY_MS },
      ],
      now,
    );
    expect(kept.map((item) => item.e.id)).toEqual(['fresh']);
  });
});

describe('createQueue', () => {
  it('adds, lists and removes by id, applying the caps on every change', async () => {
    let now = 0;
    const queue = createQueue(createMemoryKv(), () => now);
    await queue.add([event('a'), event('b')]);
    now = 8 * DAY_MS;
    await queue.add([event('c')]);
    expect((await queue.list()).map((item) => item.e.id)).toEqual(['c']);
    await queue.remove(['c']);
    expect(await queue.list()).toEqual([]);
  });
});
