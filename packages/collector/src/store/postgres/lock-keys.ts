import { createHash } from 'node:crypto';

/**
 * Advisory-lock namespaces (the first of the two int4 keys). One per purpose, so a migration, an
 * erasure and a reservation never wait for each other by accident. "np" + a counter.
 */
export const NAMESPACE = {
  migrate: 0x6e70_0001,
  erase: 0x6e70_0002,
  reserve: 0x6e70_0003,
  site: 0x6e70_0004,
  purge: 0x6e70_0005,
  /** Held by every instance that claims alerts, keyed by its lease owner (see `lease-owner.ts`). */
  lease: 0x6e70_0006,
  sweep: 0x6e70_0007,
} as const;

/** A signed 32-bit integer from a SHA-256 of the text (advisory keys are int4). */
function int32(text: string): number {
  return createHash('sha256').update(text).digest().readInt32BE(0);
}

/**
 * The two-int4 advisory key `(namespace, hash(schema, name))`. Keys include the schema, so two
 * installations in one database (one schema each) never contend. A hash collision only makes two
 * unrelated requests wait for each other; it never lets two conflicting ones through together.
 */
export function lockKey(namespace: number, schema: string, name = ''): [number, number] {
  return [namespace, int32(`${schema}\u0000${name}`)];
}
