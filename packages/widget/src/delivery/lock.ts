/**
 * Runs `fn` while holding a lock shared by every tab of the origin (Web Locks), or skips it
 * (returning undefined) when `ifAvailable` and another tab holds it. Browsers without Web Locks
 * (Safari before 15.4, Firefox before 96) just run `fn`: two tabs may then both send (the collector
 * dedupes by event id) or, rarely, both show a survey. The IndexedDB lease that used to cover them
 * cost more of the first script than those browsers are still worth.
 */
export async function withLock<T>(
  name: string,
  fn: () => Promise<T>,
  ifAvailable: boolean,
): Promise<T | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks?.request
    ? locks.request(name, { ifAvailable }, (lock) => (lock ? fn() : undefined))
    : fn();
}
