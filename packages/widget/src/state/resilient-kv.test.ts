import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdbKv } from './idb-kv.js';
import type { Kv } from './kv.js';
import { createResilientKv } from './resilient-kv.js';

const broken = (op: (...args: unknown[]) => Promise<never>): Kv => ({
  get: op,
  set: op,
  update: op,
  clear: op,
});

describe('createResilientKv', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses IndexedDB when it works (shared between tabs)', async () => {
    const kv = createResilientKv(() => createIdbKv());
    await kv.set('a', 1);
    await kv.update<number>('a', (old = 0) => old + 1);
    expect(await kv.get('a')).toBe(2);
    // A second store on the same database sees it: this is what other tabs read.
    expect(await createIdbKv().get('a')).toBe(2);
  });

  it('falls back to memory when IndexedDB is missing', async () => {
    const kv = createResilientKv(() => {
      throw new ReferenceError('indexedDB is not defined');
    });
    await kv.set('a', 1);
    expect(await kv.get('a')).toBe(1);
  });

  it('falls back to memory when IndexedDB throws', async () => {
    const op = vi.fn(() => Promise.reject(new DOMException('blocked', 'SecurityError')));
    const kv = createResilientKv(() => broken(op));
    await kv.set('a', 1);
    expect(await kv.get('a')).toBe(1);
    // Given up on for the rest of the page after the first failure.
    expect(op).toHaveBeenCalledTimes(1);
  });

  it('falls back to memory within about a second when IndexedDB hangs', async () => {
    vi.useFakeTimers();
    const kv = createResilientKv(() => broken(() => new Promise<never>(() => {})));
    const write = kv.set('a', 1);
    await vi.advanceTimersByTimeAsync(1_000);
    await write;
    expect(await kv.get('a')).toBe(1);
  });
});
