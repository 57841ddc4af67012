import type { CollectorConfig } from '@npskit/core/schema';
import type { Store } from '../store/types.js';
import { retentionCutoffs } from './cutoffs.js';

/** Options of `startDailyPurge`. */
export interface DailyPurgeOptions {
  store: Store;
  config: CollectorConfig;
  now?: () => number;
  /** First run after this many ms (default 60 s: after start-up, not during it). */
  firstRunMs?: number;
  /** Between runs (default 24 h). */
  intervalMs?: number;
  /** One line per failure (default stderr). */
  log?: (line: string) => void;
  /** After each run that finished (rows may be gone: shared answers must be recomputed). */
  onPurged?: () => void;
}

/**
 * Runs the retention purge inside `serve`: once shortly after start, then daily. Each run works in
 * small transactions through the store's group commit, so ingest interleaves with it; a run that
 * overlaps a still-running one is skipped. Timers never hold the process open. Returns a stop
 * function that waits for a running purge.
 */
export function startDailyPurge(options: DailyPurgeOptions): () => Promise<void> {
  const now = options.now ?? Date.now;
  const log =
    options.log ?? ((line: string) => void process.stderr.write(`npskit collector: ${line}\n`));
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = options.store
      .purge(retentionCutoffs(options.config, now()), { name: 'retention' })
      .then(
        () => {
          try {
            options.onPurged?.();
          } catch {}
        },
        (error: unknown) => log(`retention purge failed (${(error as Error).name ?? 'error'})`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, options.firstRunMs ?? 60_000);
  const daily = setInterval(run, options.intervalMs ?? 24 * 60 * 60 * 1000);
  first.unref?.();
  daily.unref?.();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(daily);
    await running;
  };
}
