import type { Kv } from './kv.js';

/** A `Kv` that lives as long as the page: the fallback when IndexedDB is missing, broken or hanging. */
export function createMemoryKv(): Kv {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => {
      map.set(key, value);
    },
    update: async <T>(key: string, fn: (old: T | undefined) => T) => {
      map.set(key, fn(map.get(key) as T | undefined));
    },
    clear: async () => map.clear(),
  };
}
