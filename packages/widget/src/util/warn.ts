const said = new Set<string>();

/**
 * Logs one `[npskit]`-prefixed warning, each message at most once per page (a failing request or a
 * repeated mistake repeats itself). The prefix lets a host developer find (and filter) every message
 * the widget writes; console access itself is guarded because some hosts replace `console` with
 * objects that throw.
 */
export function warn(message: string): void {
  try {
    if (!said.has(message)) console.warn(`[npskit] ${message}`);
    said.add(message);
  } catch {
    // A host that broke console.warn still must not see an exception from us.
  }
}

/** Forgets what was said (tests: each one starts as a fresh page). */
export function resetWarnings(): void {
  said.clear();
}
