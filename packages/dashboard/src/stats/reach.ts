/** What the representativeness check needs of a segment. */
export interface ReachSegment {
  key: string;
  displays: number;
  responseRate: number | null;
}

/** Segments answering at less than this fraction of the overall rate are called under-represented. */
export const UNDER_REPRESENTED_RATIO = 0.5;
/** Segments shown fewer times than this are not judged (their rate is noise). */
export const MIN_DISPLAYS = 30;

/**
 * The segments whose response rate is far below the overall rate: their customers' voice is
 * under-represented in the raw NPS, which then leans on the segments that answer more.
 */
export function underRepresented(
  segments: readonly ReachSegment[],
  overallRate: number | null,
): string[] {
  if (overallRate === null || overallRate <= 0) return [];
  return segments
    .filter(
      (segment) =>
        segment.displays >= MIN_DISPLAYS &&
        segment.responseRate !== null &&
        segment.responseRate < overallRate * UNDER_REPRESENTED_RATIO,
    )
    .map((segment) => segment.key);
}
