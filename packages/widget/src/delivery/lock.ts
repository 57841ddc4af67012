import type { Kv } from '../state/kv.js';

/** A lease older than this is considered abandoned (its tab closed mid-work). */
const LEASE_MS = 10_000;

/**
 * Runs `fn` while holding a lock shared by every tab of the origin, or skips it (returning undefined)
 * when `ifAvailable` and another tab holds it. Uses the Web Locks API; without it, a lease with an
 * expiry in IndexedDB (best effort: enough to keep two tabs from draining or showing at once).
 */
export async function withLock<T>(
  name: string,
  fn: () => Promise<T>,
  kv: Kv,
  ifAvailable: boolean,
  now: () => number,
): Promise<T | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) {
    return locks.request(name, { ifAvailable }, (lock) => (lock ? fn() : undefined));
  }
  // Memory storage is per tab, so there is nothing to coordinate.
  if (!kv.shared()) return fn();
  const key = `lease:${name}`;
  let mine = false;
  await kv.update<number | undefined>(key, (until) => {
    if (until && until > now()) return until;
    mine = true;
    return now() + LEASE_MS;
  });
  if (!mine) return undefined;
  try {
    return await fn();
  } finally {
    await kv.set(key, undefined);
  }
}
