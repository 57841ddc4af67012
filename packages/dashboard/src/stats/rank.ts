/** What ranking needs of a row. */
export interface Rankable {
  nps: number | null;
  ci95: readonly [number, number] | null;
  lowSample: boolean;
}

/** A rank that admits its uncertainty: `best`–`worst` places, or none for a low-n row. */
export type RankRange = { best: number; worst: number } | null;

/**
 * Ranks rows by NPS without pretending the order is exact: a row's place is the range of places
 * it could hold given the 95 % intervals — above it only rows whose interval lies wholly above
 * its own, below it only rows wholly below. Rows with few answers (`lowSample`) or no interval are
 * not ranked at all.
 *
 * @example rankRanges([{nps: 50, ci95: [40, 60]}, {nps: 45, ci95: [35, 55]}, {nps: 0, ci95: [-10, 10]}])
 * // [{best: 1, worst: 2}, {best: 1, worst: 2}, {best: 3, worst: 3}]
 */
export function rankRanges(rows: readonly Rankable[]): RankRange[] {
  const ranked = rows.filter((row) => !row.lowSample && row.ci95 !== null && row.nps !== null);
  return rows.map((row) => {
    if (row.lowSample || row.ci95 === null || row.nps === null) return null;
    const [low, high] = row.ci95;
    let surelyAbove = 0;
    let possiblyAbove = 0;
    for (const other of ranked) {
      if (other === row || !other.ci95) continue;
      if (other.ci95[0] > high) surelyAbove += 1;
      if (other.ci95[1] >= low) possiblyAbove += 1;
    }
    return { best: surelyAbove + 1, worst: possiblyAbove + 1 };
  });
}
