import { type NpsResult, npsFromCounts } from '@npskit/core';
import type { NpsCountRow } from '../store/types.js';

/** An NPS with its counts, interval, low-sample flag and response rate. */
export interface NpsRow extends NpsResult {
  /** Responses displayed (shown), answered or not. */
  displays: number;
  /** Responses with a score (= n). */
  answers: number;
  /** answers / displays; null with no displays. */
  responseRate: number | null;
  /** Answers whose attribution (customer, order, unit, employee) was signed by the site. */
  verifiedAnswers: number;
}

/** The `/v1/nps` body. */
export interface NpsSummary {
  overall: NpsRow;
  groups: Array<{ key: string | null } & NpsRow>;
}

function toNpsRow(counts: Omit<NpsCountRow, 'key'>): NpsRow {
  const result = npsFromCounts(counts);
  return {
    ...result,
    displays: counts.displays,
    answers: result.n,
    responseRate: counts.displays > 0 ? result.n / counts.displays : null,
    verifiedAnswers: counts.verified,
  };
}

/**
 * Builds the summary from per-group counts. Groups partition the responses, so the overall row is
 * their sum (one query instead of two). Without grouping there is one group and `groups` is empty.
 */
export function summarize(rows: readonly NpsCountRow[], grouped: boolean): NpsSummary {
  const total = { promoters: 0, passives: 0, detractors: 0, displays: 0, verified: 0 };
  for (const row of rows) {
    total.promoters += row.promoters;
    total.passives += row.passives;
    total.detractors += row.detractors;
    total.displays += row.displays;
    total.verified += row.verified;
  }
  return {
    overall: toNpsRow(total),
    groups: grouped ? rows.map((row) => ({ key: row.key, ...toNpsRow(row) })) : [],
  };
}
