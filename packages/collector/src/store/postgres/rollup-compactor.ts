import type { PostgresRollup } from './rollup-state.js';

/** Folds the rollup's delta log a little after writes (see `createRollupCompactor`). */
export interface RollupCompactor {
  /** Something changed `responses`: fold within `delayMs` unless a fold is already due. */
  wake(): void;
  /** Stops the timer and waits for a running fold. */
  close(): Promise<void>;
}

/**
 * Keeps the delta log short, so a summary sums few delta rows: one fold `delayMs` after the first
 * write since the last fold. Exactness never depends on it (readers add the log); a failed fold
 * (a lost connection) is left for the next write's, and reported once through `onError`.
 */
export function createRollupCompactor(
  rollup: PostgresRollup,
  onError: (error: Error) => void,
  delayMs = 1000,
): RollupCompactor {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const fold = () => {
    timer = undefined;
    running = rollup
      .compact()
      .then(() => undefined)
      .catch((error: Error) => onError(error))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    wake() {
      if (closed || timer) return;
      timer = setTimeout(fold, delayMs);
      timer.unref();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
