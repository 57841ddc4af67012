import type { Kv } from '../state/kv.js';
import type { UiModule } from '../ui/contract.js';

/** The platform, injectable for tests. */
export interface WidgetDeps {
  /** Fetches the UI chunk; called only when a survey will be shown. */
  loadUi: () => Promise<UiModule>;
  openKv?: () => Kv;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

/** `WidgetDeps` with the browser's defaults filled in (see `createWidget`). */
export type Platform = Required<WidgetDeps>;
