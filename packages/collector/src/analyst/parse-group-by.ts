import { CUSTOM_CONTEXT_KEY, STANDARD_CONTEXT_KEYS } from '@npskit/core/schema';
import type { GroupBy } from '../store/types.js';

const PERIODS = new Set(['day', 'week', 'month']);
const STANDARD = new Set<string>(STANDARD_CONTEXT_KEYS);

/**
 * `groupBy` = `channel` (web, email, link), `emotion`, `day`, `week`, `month`, a standard context key (`unit`, `touchpoint`, …) or a
 * custom context key the collector knows (`knownCustomKeys`: declared in a site's `contextKeys` or
 * ever stored). Returns undefined for anything else — a typo or a made-up key is a 400, never an
 * empty grouping, and never an `Object.prototype` member.
 */
export function parseGroupBy(
  value: string,
  knownCustomKeys: ReadonlySet<string>,
): GroupBy | undefined {
  if (value === 'emotion') return { kind: 'emotion' };
  if (value === 'channel') return { kind: 'channel' };
  if (PERIODS.has(value)) return { kind: 'period', unit: value as 'day' | 'week' | 'month' };
  if (STANDARD.has(value)) return { kind: 'context', key: value };
  if (CUSTOM_CONTEXT_KEY.test(value) && knownCustomKeys.has(value)) {
    return { kind: 'context', key: value };
  }
  return undefined;
}
