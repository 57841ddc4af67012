/**
 * Logs one `[npskit]`-prefixed warning. The prefix lets a host developer find (and filter) every
 * message the widget writes; console access itself is guarded because some hosts replace `console`
 * with objects that throw.
 */
export function warn(message: string): void {
  try {
    console.warn(`[npskit] ${message}`);
  } catch {
    // A host that broke console.warn still must not see an exception from us.
  }
}
