// Small helpers every benchmark script shares.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The hex SHA-256 of a key, as the collector config stores read keys. */
export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** The load average: other jobs on a shared machine inflate every wall-clock figure. */
export function load() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
