import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveTick } from './live.js';

/** What a panel's fetch is doing. */
export type DataState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined; refreshing: boolean }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * One panel's fetch: re-run whenever `key` changes (the filters in the URL) and on every live
 * update (unless `live: false`), the previous request aborted so a slow answer can never overwrite a newer one. A live
 * refresh keeps the figures on screen until the new ones arrive (no flashing "loading").
 */
export function useData<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: { live?: boolean } = {},
): DataState<T> & { reload: () => void } {
  const liveTick = useLiveTick();
  // Panels that do not change with new answers (goals, filter choices) skip live refreshes.
  const tick = options.live === false ? 0 : liveTick;
  const [state, setState] = useState<DataState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const lastKey = useRef<string | undefined>(undefined);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const controller = new AbortController();
    const sameKey = lastKey.current === key;
    lastKey.current = key;
    setState((previous) =>
      sameKey && previous.status === 'ok'
        ? { ...previous, refreshing: true }
        : { status: 'loading' },
    );
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data, refreshing: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // `tick` and `attempt` are deliberate triggers: a live change or "try again".
  }, [key, tick, attempt]);

  return { ...state, reload: () => setAttempt((value) => value + 1) };
}
