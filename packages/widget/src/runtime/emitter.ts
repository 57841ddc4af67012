import { report } from '../util/safe.js';

/** Widget lifecycle events a host can listen to with `on()`. */
export type WidgetEventName = 'displayed' | 'answered' | 'dismissed';

/** What a listener receives. */
export interface WidgetEventDetail {
  surveyId: string;
  responseId: string;
  score?: number;
}

/** A listener; exceptions it throws are caught and reported, never propagated. */
export type WidgetListener = (detail: WidgetEventDetail) => void;

/** The host's listeners, by event name (an array of pairs: unsubscribing removes exactly one). */
export type Listeners = Set<[string, WidgetListener]>;

/**
 * Adds a listener to `listeners`; returns the function that removes it. The loader only keeps the
 * list: every event happens in the UI chunk, which calls `emit`.
 */
export function listen(listeners: Listeners, name: string, listener: WidgetListener): () => void {
  const entry: [string, WidgetListener] = [name, listener];
  listeners.add(entry);
  return () => listeners.delete(entry);
}

/** Calls every listener for `name`; one that throws can't break the widget, the others or the host. */
export function emit(listeners: Listeners, name: WidgetEventName, detail: WidgetEventDetail): void {
  for (const [key, listener] of listeners) {
    try {
      if (key === name) listener(detail);
    } catch (error) {
      report(error);
    }
  }
}
