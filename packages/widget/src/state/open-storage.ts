import { createIdbKv } from './idb-kv.js';
import type { Kv } from './kv.js';
import { createResilientKv } from './resilient-kv.js';

/**
 * The widget's storage: npskit's own IndexedDB database, falling back to memory. Called only once
 * consent allows storing anything, because even opening a database creates it.
 */
export function openStorage(): Kv {
  // Without IndexedDB the first call throws (ReferenceError), which moves the store to memory.
  return createResilientKv(createIdbKv);
}
