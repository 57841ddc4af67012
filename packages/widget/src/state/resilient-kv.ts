import { withTimeout } from '../util/timeout.js';
import type { Kv } from './kv.js';
import { createMemoryKv } from './memory-kv.js';

/** How long an IndexedDB call may take before we give up on it for the rest of the page. */
const STORAGE_TIMEOUT_MS = 1000;

/**
 * A `Kv` that uses `primary` (IndexedDB) while it works and switches to memory for good the first time
 * it throws, rejects or hangs past a second — private modes, blocked storage and wedged databases
 * all exist in the wild, and the survey must work anyway.
 */
export function createResilientKv(primary: () => Kv): Kv {
  const memory = createMemoryKv();
  let current: Kv | undefined;
  try {
    current = primary();
  } catch {
    // No IndexedDB at all: memory from the start.
  }
  const kv = {} as Kv;
  for (const name of ['get', 'set', 'update', 'clear'] as const) {
    kv[name] = async (...args: unknown[]) => {
      const call = (target: Kv) => (target[name] as (...a: unknown[]) => Promise<never>)(...args);
      if (current) {
        try {
          return await withTimeout(call(current), STORAGE_TIMEOUT_MS);
        } catch {
          current = undefined;
        }
      }
      return call(memory);
    };
  }
  return kv;
}
