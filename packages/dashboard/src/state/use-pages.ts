import { useEffect, useState } from 'preact/hooks';
import { useData } from './use-data.js';

/** One page of a cursor-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list: the first page is live data (fetched again with new answers), "show more"
 * appends the collector's next pages, and a new key or a refreshed first page starts over — so the
 * browser holds only what it shows, in the collector's order.
 */
export function usePages<T>(
  key: string,
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
) {
  const first = useData(key, (signal) => fetchPage(undefined, signal));
  const [more, setMore] = useState<Page<T> | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setMore(null), [key, first.data]);
  const items = first.data ? [...first.data.items, ...(more?.items ?? [])] : [];
  const next = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await fetchPage(next);
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } finally {
      setBusy(false);
    }
  };
  return { first, items, next, busy, loadMore };
}
