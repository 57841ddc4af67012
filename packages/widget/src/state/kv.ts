/**
 * The small key-value interface the widget keeps its state in. IndexedDB and memory both implement it,
 * so the rest of the widget does not care which one survived.
 */
export interface Kv {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Read-modify-write in one step (one IndexedDB transaction), so two tabs can't lose each other's writes. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<void>;
  clear(): Promise<void>;
}
