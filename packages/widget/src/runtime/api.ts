import type { QuarantineRules } from '@npskit/core';
import type { SurveyDefinitionInput } from '@npskit/core/schema';
import type { ContextInput } from './context.js';
import type { WidgetEventName, WidgetListener } from './emitter.js';

export type { ContextInput } from './context.js';
export type { WidgetEventDetail, WidgetEventName, WidgetListener } from './emitter.js';

/** Options of `init()` (ESM) and of the `['init', {...}]` command (script tag). */
export interface InitOptions {
  /** Public write key, `pk_…` (script tag: `data-site`). */
  site?: string;
  /** Collector base URL, e.g. `https://nps.example.com` (script tag: `data-collector`). */
  collector?: string;
  /** Inline survey definitions (static sites); when given, nothing is fetched from the collector. */
  surveys?: SurveyDefinitionInput[];
  /** Global quarantine for inline surveys (the collector supplies it otherwise). */
  quarantine?: QuarantineRules;
  /** `required`: nothing is stored, sent or shown until `consent(true)` (script tag: `data-consent`). */
  consent?: 'required' | 'granted';
  /** Force a locale, e.g. `sv` (script tag: `data-locale`). */
  locale?: string;
  /** CSP nonce for the style fallback (the script tag's own nonce is used automatically). */
  nonce?: string;
}

/** The commands a host page can call, as methods (after load) or as `push(['name', ...args])`. */
export interface NpskitApi {
  /** Ties answers to the site's own (opaque) customer id; enables cross-device eligibility. Traits are not sent. */
  identify(customerId: string, traits?: Record<string, unknown>): void;
  /** Reports an event such as `purchase`; surveys can trigger on it. Its context rides on the response. */
  track(event: string, context?: ContextInput): void;
  /** Adds context to every later event (`touchpoint`, `unit`, `employee`, custom keys); `null` removes a key. */
  context(context: ContextInput): void;
  /** Gives (true) or withdraws (false) consent; withdrawing clears everything stored. */
  consent(granted: boolean): void;
  /** Shows a survey now, skipping sampling and triggers (but not consent or quarantine). */
  show(surveyId: string): void;
  /** Listens to `displayed`, `answered` or `dismissed`; returns a function that stops listening. */
  on(event: WidgetEventName, listener: WidgetListener): () => void;
  /** Forgets the customer id and context and starts a new anonymous id (e.g. on logout). */
  reset(): void;
}
