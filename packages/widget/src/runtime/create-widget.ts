import type { Signal } from '../decide/triggers.js';
import { MAX_CUSTOMER_ID } from '../delivery/limits.js';
import { openStorage } from '../state/open-storage.js';
import { saveProfile } from '../state/profile.js';
import { uuid } from '../util/uuid.js';
import { warn } from '../util/warn.js';
import type { NpskitApi } from './api.js';
import { collectorFetch } from './collector-fetch.js';
import type { ContextInput } from './context.js';
import { createDisplay } from './display.js';
import type { Listeners } from './emitter.js';
import { createLifecycle } from './lifecycle.js';
import { onNavigation } from './navigation.js';
import type { Platform, WidgetDeps } from './platform.js';
import type { WidgetConfig } from './read-config.js';
import { createSchedule } from './schedule.js';
import { openSession, type Session } from './session.js';

/** The running widget: the public API but `on` (the shell keeps the listeners). */
export type Widget = Omit<NpskitApi, 'on'>;

/** The shape of a signed token (see PLAN: `v1.<payload>.<sig>`, at most 2 048 characters). */
const TOKEN = /^v1\.[\w-]{1,2000}\.[\w-]{43}$/;

/** A token as given, or undefined (with a warning) for anything that can't be one; null clears. */
function token(value: unknown): string | undefined {
  if (typeof value === 'string' && TOKEN.test(value)) return value;
  if (value != null) warn('signed: not a v1 token; ignored');
  return undefined;
}

/**
 * Creates the widget runtime: identity, consent, triggers, eligibility, display and delivery. Nothing
 * is stored, fetched or shown until consent allows it. Hosts reach it only through `createShell`,
 * which wraps every method so that no exception reaches the page.
 */
export function createWidget(
  config: WidgetConfig,
  deps: WidgetDeps,
  listeners: Listeners = new Set(),
): Widget {
  const platform: Platform = {
    openKv: openStorage,
    now: Date.now,
    random: Math.random,
    ...deps,
    fetch: collectorFetch({
      // Read at call time, so a page's own wrapper (monitoring tools) sees our requests too. A
      // wrapper of our own: as a method of another object, the bare `fetch` is an "Illegal invocation".
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      site: config.site,
      // Nothing stored on this origin can ever be delivered: forget it all, as consent(false) does.
      refused: () => api.consent(false),
    }),
  };
  let customerId: string | undefined;
  let shared: ContextInput = {};
  /** The customer token (`identify`) and the latest context token (`track`, `context`). */
  let customerToken: string | undefined;
  let contextToken: string | undefined;
  /** Takes a `signed` key out of host context: it is a token, not context. */
  const withoutToken = (input: ContextInput | undefined): ContextInput => {
    const { signed, ...rest } = input ?? {};
    if ('signed' in (input ?? {})) contextToken = token(signed);
    return rest;
  };
  const schedule = createSchedule();
  const pageview = (s: Session) => trigger(s, { on: 'pageview' }, {});
  const session = createLifecycle(() => openSession(config, platform), pageview);
  const display = createDisplay({
    ...platform,
    config,
    listeners,
    customerId: () => customerId,
    signed: () => {
      const tokens = [customerToken, contextToken].filter(Boolean) as string[];
      return tokens[0] ? tokens : undefined;
    },
    live: session.live,
  });

  /** A page view or a tracked event: arms every survey it triggers. */
  function trigger(s: Session, signal: Signal, extra: ContextInput): void {
    schedule.add(s.site.surveys, signal, location.pathname, (survey) =>
      // The shared context is read when the survey is attempted, after its delay.
      display.attempt(s, survey, { ...shared, ...extra }, false),
    );
  }

  let lastPath = location.pathname;
  onNavigation(window, () => {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    schedule.cancel(lastPath);
    session.use(pageview);
  });
  // Last chance to send: on mobile, hidden is often the last event a page gets before it is killed,
  // and every current browser fires it before pagehide (also on close and navigation).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') session.live()?.delivery.hideFlush();
  });
  // Back online: what waited for the network goes now, not when the backoff timer says.
  addEventListener('online', () => session.live()?.delivery.flush(true));

  const api: Widget = {
    identify(id, traits) {
      if (typeof id === 'string' && id && id.length <= MAX_CUSTOMER_ID) {
        customerId = id;
        customerToken = token(traits?.signed);
      } else warn('identify: customerId must be a string of 1-128 characters');
    },
    track(event, context) {
      const extra = withoutToken(context);
      if (typeof event === 'string' && event)
        session.use((s) => trigger(s, { on: 'event', event }, extra));
      else warn('track: event name must be a string');
    },
    context(context) {
      shared = { ...shared, ...withoutToken(context) };
      for (const key in shared) if (shared[key] == null) delete shared[key];
    },
    consent(granted) {
      if (granted === true) return session.start();
      display.close();
      schedule.cancel();
      session.stop();
    },
    show(surveyId) {
      // Forced: skips sampling and triggers, never consent (session.use() waits for it).
      session.use((s) => {
        const survey = s.site.surveys.find((item) => item.id === surveyId);
        if (survey) display.attempt(s, survey, { ...shared }, true);
        else warn(`show: unknown survey ${surveyId}`);
      });
    },
    reset() {
      customerId = customerToken = contextToken = undefined;
      shared = {};
      const s = session.live();
      if (s) {
        s.profile = { anonymousId: uuid(), firstSeenAt: s.profile.firstSeenAt };
        void saveProfile(s.kv, s.profile);
      }
    },
  };
  if (!config.consentRequired) session.start();
  return api;
}
