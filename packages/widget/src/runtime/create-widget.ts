import type { Signal } from '../decide/triggers.js';
import { MAX_CUSTOMER_ID } from '../delivery/limits.js';
import { openStorage } from '../state/open-storage.js';
import { saveProfile } from '../state/profile.js';
import { uuid } from '../util/uuid.js';
import { warn } from '../util/warn.js';
import type { NpskitApi } from './api.js';
import type { ContextInput } from './context.js';
import { createDisplay } from './display.js';
import { createEmitter } from './emitter.js';
import { createLifecycle } from './lifecycle.js';
import { onNavigation } from './navigation.js';
import type { Platform, WidgetDeps } from './platform.js';
import type { WidgetConfig } from './read-config.js';
import { createSchedule } from './schedule.js';
import { openSession, type Session } from './session.js';

/** The running widget: the public API. */
export type Widget = NpskitApi;

const EVENTS = ['displayed', 'answered', 'dismissed'];
/**
 * A token the host's server signed (`v1.<payload>.<sig>`): passed through untouched — the collector
 * checks it, so the loader spends no bytes on its shape.
 */
const token = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Creates the widget runtime: identity, consent, triggers, eligibility, display and delivery. Nothing
 * is stored, fetched or shown until consent allows it. Hosts reach it only through `createShell`,
 * which wraps every method so that no exception reaches the page.
 */
export function createWidget(config: WidgetConfig, deps: WidgetDeps): Widget {
  const platform: Platform = {
    openKv: openStorage,
    // A wrapper: called as a method of some other object, the bare `fetch` throws "Illegal invocation".
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    ...deps,
  };
  const emitter = createEmitter();
  let customerId: string | undefined;
  let customerToken: string | undefined;
  let contextToken: string | undefined;
  let shared: ContextInput = {};
  /** A `signed` key in host context is the latest context token, never context. */
  const withoutToken = (input: ContextInput): ContextInput => {
    const { signed, ...rest } = input ?? {};
    if (signed !== undefined) contextToken = token(signed);
    return rest;
  };
  const schedule = createSchedule();
  const session = createLifecycle(
    () => openSession(config, platform),
    (s) => trigger(s, { on: 'pageview' }, {}),
  );
  const display = createDisplay({
    ...platform,
    config,
    emit: emitter.emit,
    customerId: () => customerId,
    signed: () => [customerToken, contextToken].filter((t): t is string => !!t),
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
    session.use((s) => trigger(s, { on: 'pageview' }, {}));
  });
  // Last chance to send: on mobile, hidden is often the last event a page gets before it is killed.
  const hide = () => session.live()?.delivery.beaconFlush();
  addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hide();
  });

  const api: Widget = {
    identify(id, traits) {
      if (typeof id === 'string' && id && id.length <= MAX_CUSTOMER_ID) {
        customerId = id;
        customerToken = token(traits?.signed);
      } else warn('identify: customerId must be a string of 1-128 characters');
    },
    track(event, context = {}) {
      const clean = withoutToken(context);
      if (typeof event === 'string' && event)
        session.use((s) => trigger(s, { on: 'event', event }, clean));
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
      const id = String(surveyId);
      session.use((s) => {
        const survey = s.site.surveys.find((item) => item.id === id);
        if (survey) display.attempt(s, survey, { ...shared }, true);
        else warn(`show: unknown survey ${id}`);
      });
    },
    on(event, listener) {
      if (EVENTS.includes(event) && typeof listener === 'function')
        return emitter.on(event, listener);
      warn(`on: unknown event ${String(event)}`);
      return () => false;
    },
    reset() {
      customerId = undefined;
      customerToken = undefined;
      contextToken = undefined;
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
