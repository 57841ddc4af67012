/**
 * The label of order-value band `index` for ascending `boundaries` b0 < b1 < … < bn: index 0 is
 * `<b0`, index i is `b(i-1)-b(i)` (from inclusive, to exclusive), index n + 1 is `bn+`.
 *
 * @example [0, 1, 2, 3, 4].map((i) => bandLabel([0, 200, 500, 1000], i))
 * // ['<0', '0-200', '200-500', '500-1000', '1000+']
 */
export function bandLabel(boundaries: readonly number[], index: number): string {
  const last = boundaries.length - 1;
  if (index === 0) return `<${boundaries[0]}`;
  if (index > last) return `${boundaries[last]}+`;
  return `${boundaries[index - 1]}-${boundaries[index]}`;
}

/** Every band label of `boundaries`, in ascending order. */
export function bandLabels(boundaries: readonly number[]): string[] {
  return Array.from({ length: boundaries.length + 1 }, (_, index) => bandLabel(boundaries, index));
}
