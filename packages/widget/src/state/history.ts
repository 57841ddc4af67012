import type { HistoryEntry } from '@npskit/core';
import type { Kv } from './kv.js';

const KEY = 'history';
const KEEP_COUNT = 200;

/** This browser's displays, answers and dismissals — the input of the eligibility engine. */
export async function readHistory(kv: Kv): Promise<HistoryEntry[]> {
  return (await kv.get<HistoryEntry[]>(KEY)) ?? [];
}

/**
 * Appends one entry, keeping the last 200: more than any quarantine window can hold (at most a few
 * displays a year), so nothing a rule looks at is ever forgotten.
 */
export function addHistory(kv: Kv, entry: HistoryEntry): Promise<void> {
  return kv.update<HistoryEntry[]>(KEY, (old = []) => [...old, entry].slice(-KEEP_COUNT));
}
