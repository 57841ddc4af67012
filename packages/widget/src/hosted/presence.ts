/** How presence was shown: a real interaction, or enough visible time. */
export type Trigger = 'interaction' | 'timer';

const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Calls `onPresent` once, when a person is evidently there: at the first trusted interaction
 * (`isTrusted`: a real tap or key, not one a script dispatched), or after the page has been visible
 * for `visibleMs` in total (the clock stops while the tab is hidden — a link opened in a background
 * tab counts once it is looked at). A mail scanner that fetches the page and leaves, even one that
 * runs scripts for a moment, never gets here. `visibleMs: Infinity` waits for an interaction only.
 * Returns a function that cancels it.
 */
export function whenPresent(
  doc: Document,
  visibleMs: number,
  onPresent: (trigger: Trigger) => void,
): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let left = visibleMs;
  let since = 0;
  const stop = () => {
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const type of INTERACTIONS) doc.removeEventListener(type, onInteraction, true);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
  const fire = (trigger: Trigger) => {
    if (done) return;
    stop();
    onPresent(trigger);
  };
  function onInteraction(event: Event) {
    if (event.isTrusted) fire('interaction');
  }
  const run = () => {
    // Infinity: interactions only (a timer that long would overflow and fire at once).
    if (!Number.isFinite(left)) return;
    since = Date.now();
    timer = setTimeout(() => fire('timer'), left);
  };
  function onVisibility() {
    if (doc.visibilityState === 'visible') {
      if (timer === undefined) run();
    } else if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      left = Math.max(0, left - (Date.now() - since));
    }
  }
  for (const type of INTERACTIONS) doc.addEventListener(type, onInteraction, true);
  doc.addEventListener('visibilitychange', onVisibility);
  if (doc.visibilityState === 'visible') run();
  return stop;
}
