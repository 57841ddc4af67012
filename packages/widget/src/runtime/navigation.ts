/**
 * Calls `listener` after every SPA navigation: `history.pushState`/`replaceState` (wrapped, keeping
 * `this`, arguments and return value, so routers and other wrappers keep working) and `popstate`.
 */
export function onNavigation(win: Window, listener: () => void): void {
  const history = win.history;
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      try {
        listener();
      } catch {
        // The host's navigation already happened; our bookkeeping failing must not undo it.
      }
      return result;
    };
  }
  win.addEventListener('popstate', listener);
}
