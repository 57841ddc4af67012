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

/** A tiny event emitter whose listeners can't break the widget or the host. */
export function createEmitter() {
  const listeners = new Set<[string, WidgetListener]>();
  return {
    on(name: string, listener: WidgetListener): () => void {
      const entry: [string, WidgetListener] = [name, listener];
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    emit(name: WidgetEventName, detail: WidgetEventDetail): void {
      for (const [key, listener] of listeners) {
        try {
          if (key === name) listener(detail);
        } catch (error) {
          report(error);
        }
      }
    },
  };
}
