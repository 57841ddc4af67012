/**
 * A copy of `source` without a prototype. Anything keyed by input (custom context keys) lives in
 * such objects, so a key named `constructor`, `toString` or `__proto__` is just data: reading an
 * absent key gives undefined, never an `Object.prototype` member, and writing one never changes a
 * prototype.
 *
 * @example nullProto({ a: 1 }).toString === undefined // true
 */
export function nullProto<T>(source: Readonly<Record<string, T>> = {}): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(source)) {
    Object.defineProperty(out, key, {
      value: source[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** `JSON.parse` of an object whose keys come from input, into a prototype-free object. */
export function parseRecord<T>(json: string): Record<string, T> {
  return nullProto(JSON.parse(json) as Record<string, T>);
}

/** The own value of `key`, never an inherited one. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
