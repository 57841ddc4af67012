/** One of the three NPS groups a 0–10 answer falls into. */
export type Category = 'detractor' | 'passive' | 'promoter';

/** An integer answer from 0 ("not at all likely") to 10 ("extremely likely"). */
export type Score = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** How many respondents fell into each group. Only respondents who gave a score are counted. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** An NPS with the numbers needed to judge how far to trust it. */
export interface NpsResult extends NpsCounts {
  /** Respondents who gave a score (promoters + passives + detractors). */
  n: number;
  /** %promoters − %detractors, in [−100, 100]; `null` when n is 0. */
  nps: number | null;
  /**
   * Half-width of the 95% confidence interval before clamping, in NPS points; `null` when n < 2. The
   * interval is centred on the adjusted estimate, not on `nps`, so use `ci95` for its ends.
   */
  marginOfError: number | null;
  /**
   * 95% confidence interval (adjusted Wald with pseudo-counts, Rocks 2016), clamped to [−100, 100];
   * always contains `nps`; `null` when n < 2.
   */
  ci95: readonly [number, number] | null;
  /** True when n is below the minimum sample size and the score should not be read. */
  lowSample: boolean;
}

/** The result of comparing two periods or segments, `b − a`. */
export interface NpsComparison {
  a: NpsResult;
  b: NpsResult;
  /** NPS of b minus NPS of a, in points; `null` when either side has no respondents. */
  difference: number | null;
  /**
   * 95% confidence interval of the difference (each side's adjusted-Wald estimate, standard errors in
   * quadrature); `null` when either side has n < 2.
   */
  ci95: readonly [number, number] | null;
  /** True when the interval of the difference excludes 0: the change is larger than the noise. */
  significant: boolean;
}
