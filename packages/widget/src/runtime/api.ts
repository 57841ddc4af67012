import type { QuarantineRules } from '@npskit/core';
import type { SurveyDefinitionInput } from '@npskit/core/schema';
import type { ContextInput } from './context.js';
import type { WidgetEventName, WidgetListener } from './emitter.js';

export type { ContextInput, StandardContext } from './context.js';
export type { WidgetEventDetail, WidgetEventName, WidgetListener } from './emitter.js';

/** What `identify()` may carry besides the customer id; only `signed` ever leaves the page. */
export interface Traits {
  /** `v1.<payload>.<signature>`, signed by your server with the site secret (see the README). */
  signed?: string;
  [key: string]: unknown;
}

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
  /**
   * With Global Privacy Control on, npskit behaves as with `consent: 'required'` until
   * `consent(true)`. `ignore` only where you have decided an NPS survey is exempt (script tag:
   * `npskit.push(['init', { gpc: 'ignore' }])` before the tag).
   */
  gpc?: 'respect' | 'ignore';
  /**
   * Likely bots (`navigator.webdriver`, crawler user agents) see no survey. `allow` for end-to-end
   * tests: `page.addInitScript(() => { window.npskit = [['init', { bots: 'allow' }]]; })`.
   */
  bots?: 'skip' | 'allow';
}

/** The commands a host page can call, as methods (after load) or as `push(['name', ...args])`. */
export interface NpskitApi {
  /**
   * Ties answers to the site's own (opaque) customer id; enables cross-device eligibility. Traits are
   * not sent, except `signed`: a token your server signed for this customer id, sent as it is.
   */
  identify(customerId: string, traits?: Traits): void;
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
