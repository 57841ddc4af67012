import { decideEligibility, type QuarantineRules, surveyRules } from '@npskit/core';
import type { NpsEvent, SurveyDefinition, SurveyTrigger } from '@npskit/core/schema';
import { askCollector } from '../decide/remote-eligibility.js';
import { loadSiteSurveys, type SiteSurveys } from '../decide/site-surveys.js';
import { matchingTrigger, type Signal } from '../decide/triggers.js';
import { matchesUrl } from '../decide/url-rules.js';
import { createDelivery, type Delivery } from '../delivery/delivery.js';
import { MAX_CUSTOMER_ID } from '../delivery/limits.js';
import { withLock } from '../delivery/lock.js';
import { addHistory, readHistory } from '../state/history.js';
import { DB_NAME } from '../state/idb-kv.js';
import type { Kv } from '../state/kv.js';
import { openStorage } from '../state/open-storage.js';
import { loadProfile, type Profile, saveProfile } from '../state/profile.js';
import type { UiHandle, UiModule } from '../ui/contract.js';
import { report } from '../util/safe.js';
import { uuid } from '../util/uuid.js';
import { warn } from '../util/warn.js';
import type { NpskitApi } from './api.js';
import type { ContextInput } from './context.js';
import { createEmitter } from './emitter.js';
import { onNavigation } from './navigation.js';

/** A validated configuration (see `readConfig`). */
export interface WidgetConfig {
  site: string;
  /** Base URL without a trailing slash. */
  collector: string;
  surveys?: SurveyDefinition[] | undefined;
  quarantine?: QuarantineRules | undefined;
  consentRequired: boolean;
  locale?: string | undefined;
  nonce?: string | undefined;
}

/** The platform, injectable for tests. */
export interface WidgetDeps {
  /** Fetches the UI chunk; called only when a survey will be shown. */
  loadUi: () => Promise<UiModule>;
  openKv?: () => Kv;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

/** The running widget: the public API. */
export type Widget = NpskitApi;

interface Session {
  kv: Kv;
  profile: Profile;
  delivery: Delivery;
  site: SiteSurveys;
}

const EVENTS = ['displayed', 'answered', 'dismissed'];

/** What can make a survey appear: a trigger signal, or `show(surveyId)`. */
type Cue = Signal | { on: 'show'; id: string };

/**
 * Creates the widget runtime: identity, consent, triggers, eligibility, display and delivery. Nothing
 * is stored, fetched or shown until consent allows it; every public method is wrapped so that no
 * exception reaches the host page.
 */
export function createWidget(config: WidgetConfig, deps: WidgetDeps): Widget {
  const fetchFn: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const base = config.collector;
  const emitter = createEmitter();
  let consented = !config.consentRequired;
  let customerId: string | undefined;
  let shared: ContextInput = {};
  /** Signals that arrived before the session was ready (no consent yet, or still booting). */
  const early: Array<[Cue, ContextInput]> = [];
  /** The ready session; undefined before consent/boot and after consent is withdrawn. */
  let live: Session | undefined;
  /** Bumped whenever consent is withdrawn, so a boot still in flight knows it is obsolete. */
  let generation = 0;
  let booting = false;
  const pending = new Map<
    string,
    { trigger: SurveyTrigger; timer: ReturnType<typeof setTimeout> }
  >();
  let shown: UiHandle | undefined;
  let lastPath = location.pathname;

  async function boot(): Promise<Session> {
    const kv = (deps.openKv ?? openStorage)();
    const delivery = createDelivery({
      kv,
      site: config.site,
      endpoint: `${base}/v1/events`,
      fetch: fetchFn,
      now,
      random: deps.random ?? Math.random,
      beacon: navigator.sendBeacon?.bind(navigator),
    });
    // Replays what earlier pages left in the queue, with the same event ids.
    void delivery.flush();
    const site = config.surveys
      ? { surveys: config.surveys, quarantine: config.quarantine ?? {} }
      : await loadSiteSurveys(
          kv,
          fetchFn,
          `${base}/v1/sites/${encodeURIComponent(config.site)}/surveys`,
        );
    return {
      kv,
      delivery,
      profile: await loadProfile(kv, now()),
      site: site ?? { surveys: [], quarantine: {} },
    };
  }

  function start(): void {
    if (booting || !consented) return;
    booting = true;
    const mine = generation;
    boot().then((s) => {
      if (mine !== generation) {
        s.delivery.stop();
        return s.kv.clear();
      }
      live = s;
      signal({ on: 'pageview' }, {});
      for (const [trigger, context] of early.splice(0)) signal(trigger, context);
    }, report);
  }

  /** A page view, a tracked event or `show()`: schedule every survey it triggers. */
  function signal(trigger: Cue, extra: ContextInput): void {
    const s = live;
    if (!s) {
      early.push([trigger, extra]);
      return;
    }
    if (trigger.on === 'show') {
      const survey = s.site.surveys.find((item) => item.id === trigger.id);
      if (survey) attempt(s, survey, extra, true).catch(report);
      else warn(`show: unknown survey ${trigger.id}`);
      return;
    }
    for (const survey of s.site.surveys) {
      const match = matchingTrigger(survey, trigger, location.pathname);
      if (!match || pending.has(survey.id)) continue;
      const timer = setTimeout(() => {
        pending.delete(survey.id);
        attempt(s, survey, extra, false).catch(report);
      }, match.delayMs ?? 0);
      pending.set(survey.id, { trigger: match, timer });
    }
  }

  const respondent = (s: Session): NpsEvent['respondent'] =>
    customerId
      ? { anonymousId: s.profile.anonymousId, customerId }
      : { anonymousId: s.profile.anonymousId };

  function close(): void {
    const handle = shown;
    shown = undefined;
    try {
      handle?.unmount();
    } catch (error) {
      report(error);
    }
  }

  async function attempt(
    s: Session,
    survey: SurveyDefinition,
    extra: ContextInput,
    forced: boolean,
  ): Promise<void> {
    const context = { ...shared, ...extra };
    const order = context.orderId;
    const orderId =
      typeof order === 'string' || typeof order === 'number' ? String(order) : undefined;
    const withOrder = <T extends object>(value: T) =>
      orderId === undefined ? value : { ...value, orderId };
    // Decide and record the display under one cross-tab lock, so two tabs can't both show a survey:
    // the second one sees the first one's display in the shared history and backs off.
    await withLock(
      'npskit:display',
      async () => {
        if (shown || live !== s) return;
        const decision = decideEligibility(
          withOrder({
            survey: surveyRules(survey),
            quarantine: s.site.quarantine,
            history: { firstSeenAt: s.profile.firstSeenAt, entries: await readHistory(s.kv) },
            now: now(),
            respondentKey: customerId ?? s.profile.anonymousId,
            forced,
          }),
        );
        if (!decision.show) return;
        let responseId = uuid();
        if (customerId) {
          const remote = await askCollector(
            fetchFn,
            `${base}/v1/eligibility`,
            withOrder({ site: config.site, surveyId: survey.id, respondent: respondent(s) }),
          );
          if (remote?.show === false) return;
          responseId = remote?.responseId ?? responseId;
        }
        const ui = await deps.loadUi();
        if (shown || live !== s) return;
        const writes: Promise<unknown>[] = [];
        const handle: UiHandle = ui.present({
          survey,
          responseId,
          context,
          locale: config.locale,
          nonce: config.nonce,
          respondent: () => respondent(s),
          now,
          send: (event) => writes.push(s.delivery.enqueue([event])),
          remember: (type) =>
            writes.push(addHistory(s.kv, withOrder({ surveyId: survey.id, type, at: now() }))),
          emit: emitter.emit,
          onClose: () => {
            if (shown === handle) close();
          },
        });
        shown = handle;
        // Hold the lock until the display is in the shared history, so another tab sees it.
        await Promise.all(writes);
      },
      s.kv,
      false,
      now,
    );
  }

  const navigated = () => {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    for (const [id, { trigger, timer }] of pending) {
      if (!matchesUrl(trigger.url, lastPath)) {
        clearTimeout(timer);
        pending.delete(id);
      }
    }
    signal({ on: 'pageview' }, {});
  };
  onNavigation(window, navigated);
  const hide = () => live?.delivery.beaconFlush();
  addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hide();
  });

  const api: Widget = {
    identify(id) {
      if (typeof id === 'string' && id && id.length <= MAX_CUSTOMER_ID) customerId = id;
      else warn('identify: customerId must be a string of 1-128 characters');
    },
    track(event, context = {}) {
      if (typeof event === 'string' && event) signal({ on: 'event', event }, context);
      else warn('track: event name must be a string');
    },
    context(context) {
      shared = { ...shared, ...context };
      for (const key in shared) if (shared[key] == null) delete shared[key];
    },
    consent(granted) {
      if (granted === true) {
        consented = true;
        start();
        return;
      }
      consented = false;
      booting = false;
      generation++;
      close();
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      early.length = 0;
      if (live) {
        live.delivery.stop();
        void live.kv.clear();
        live = undefined;
      } else {
        // Nothing opened on this page: delete what earlier pages stored without creating anything.
        globalThis.indexedDB?.deleteDatabase(DB_NAME);
      }
    },
    show(surveyId) {
      // Forced: skips sampling and triggers, never consent (signal() waits for it).
      signal({ on: 'show', id: String(surveyId) }, {});
    },
    on(event, listener) {
      if (EVENTS.includes(event) && typeof listener === 'function')
        return emitter.on(event, listener);
      warn(`on: unknown event ${String(event)}`);
      return () => false;
    },
    reset() {
      customerId = undefined;
      shared = {};
      if (live) {
        live.profile = { anonymousId: uuid(), firstSeenAt: live.profile.firstSeenAt };
        void saveProfile(live.kv, live.profile);
      }
    },
  };
  start();
  return api;
}
