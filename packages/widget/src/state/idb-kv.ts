import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Kv } from './kv.js';

/** The IndexedDB database and object store npskit owns (`npskit` / `kv`), never the host's. */
export const DB_NAME = 'npskit';
const STORE_NAME = 'kv';

/**
 * A `Kv` on an idb-keyval store. Only `createStore`/`promisifyRequest` are used: idb-keyval's
 * ready-made helpers each drag in its default store, and bytes in the first script are dear.
 * `createStore` opens nothing until the first call, so this never throws.
 */
export function createIdbKv(store: UseStore = createStore(DB_NAME, STORE_NAME)): Kv {
  const write = (fn: (objects: IDBObjectStore) => unknown) =>
    store('readwrite', (objects) => {
      fn(objects);
      return promisifyRequest(objects.transaction) as Promise<void>;
    });
  return {
    get: (key) => store('readonly', (objects) => promisifyRequest(objects.get(key))),
    set: (key, value) => write((objects) => objects.put(value, key)),
    // The read and the write share one transaction, so no other tab can write in between.
    update: (key, fn) =>
      write((objects) => {
        const request = objects.get(key);
        request.onsuccess = () => objects.put(fn(request.result), key);
      }),
    clear: () => write((objects) => objects.clear()),
  };
}
