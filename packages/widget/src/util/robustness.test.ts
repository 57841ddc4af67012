import { afterEach, describe, expect, it, vi } from 'vitest';
import { safe } from './safe.js';
import { withTimeout } from './timeout.js';
import { uuid } from './uuid.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

describe('on host pages with patched built-ins', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('withTimeout works without Promise.prototype.finally (old polyfills lack it)', async () => {
    const finallyOf = Object.getOwnPropertyDescriptor(Promise.prototype, 'finally');
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        (value) => `ok ${value}`,
        (error: Error) => `failed ${error.message}`,
      );
    // Only while building the chain: the test runner itself uses finally on what a test returns.
    delete (Promise.prototype as { finally?: unknown }).finally;
    let pending: Array<Promise<string>>;
    try {
      pending = [
        outcome(withTimeout(Promise.resolve(7), 50)),
        outcome(withTimeout(new Promise(() => {}), 5)),
        outcome(withTimeout(Promise.reject(new Error('no')), 50)),
      ];
    } finally {
      if (finallyOf) Object.defineProperty(Promise.prototype, 'finally', finallyOf);
    }
    expect(await Promise.all(pending)).toEqual(['ok 7', 'failed timeout', 'failed no']);
  });

  it('safe catches rejections of any thenable, not only the native Promise', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let rejectIt: (error: unknown) => void = () => {};
    // A polyfilled promise is just a thenable to us; that is the point of this test.
    // biome-ignore lint/suspicious/noThenProperty: the object under test is a thenable on purpose.
    const foreign = { then: (_ok: unknown, no: (error: unknown) => void) => (rejectIt = no) };
    safe(() => foreign)();
    rejectIt(new Error('from a polyfilled promise'));
    expect(warn).toHaveBeenCalledWith('[npskit] Error: from a polyfilled promise');
  });

  it('uuid falls back to the random UUID of a blob: URL where crypto.randomUUID is missing', () => {
    expect(uuid()).toMatch(UUID);
    const random = crypto as { randomUUID?: unknown };
    const own = Object.getOwnPropertyDescriptor(random, 'randomUUID');
    Object.defineProperty(random, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, () => uuid()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(UUID);
    } finally {
      if (own) Object.defineProperty(random, 'randomUUID', own);
      else delete random.randomUUID;
    }
  });
});
