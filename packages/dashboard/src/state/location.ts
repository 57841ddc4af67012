import { useEffect, useState } from 'preact/hooks';

/** Where the dashboard is mounted (Vite's `base`): every route is below it. */
export const BASE = '/dashboard/';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/**
 * Goes to a dashboard URL without a reload. The URL is the whole state (Plausible's habit): every
 * view and filter is a link that can be shared.
 */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  notify();
}

/** The current `URL`, re-rendering the caller on every navigation. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return url;
}

/**
 * Click handler for in-app links: plain left clicks navigate in place; modified clicks (new tab,
 * download) keep the browser's behaviour.
 */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (
    !anchor ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    anchor.target ||
    anchor.origin !== location.origin ||
    !anchor.pathname.startsWith(BASE)
  ) {
    return;
  }
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
