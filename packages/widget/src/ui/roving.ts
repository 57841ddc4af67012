/**
 * Roving-tabindex arithmetic for a row of radios: the index that `key` moves to from `index`, or
 * undefined for keys that don't move. Arrows wrap; Home/End jump; left/right flip in RTL.
 */
export function rovingTarget(
  key: string,
  index: number,
  count: number,
  rtl = false,
): number | undefined {
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  let step = steps[key];
  if (step === undefined) return undefined;
  if (rtl && (key === 'ArrowLeft' || key === 'ArrowRight')) step = -step;
  return (index + step + count) % count;
}

/**
 * `role="radio"` + `aria-checked` for the buttons of our radiogroups. Buttons rather than `<input type="radio">` on
 * purpose: a tap must answer at once, while native radios select on arrow keys and need a separate
 * submit. (A spread, because Biome's useSemanticElements can't be suppressed on a JSX attribute.)
 */
export const radio = (checked: boolean) =>
  ({ role: 'radio', 'aria-checked': checked ? 'true' : 'false' }) as const;
