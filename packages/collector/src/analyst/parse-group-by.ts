import { STANDARD_CONTEXT_KEYS } from '@npskit/core/schema';
import type { GroupBy } from '../store/types.js';

const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const PERIODS = new Set(['day', 'week', 'month']);

/**
 * `groupBy` = `emotion`, `day`, `week`, `month`, a standard context key (`unit`, `touchpoint`, …) or a
 * custom context key. Returns undefined for anything else.
 */
export function parseGroupBy(value: string): GroupBy | undefined {
  if (value === 'emotion') return { kind: 'emotion' };
  if (PERIODS.has(value)) return { kind: 'period', unit: value as 'day' | 'week' | 'month' };
  if ((STANDARD_CONTEXT_KEYS as readonly string[]).includes(value) || CUSTOM_KEY.test(value)) {
    return { kind: 'context', key: value };
  }
  return undefined;
}
