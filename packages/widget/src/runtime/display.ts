import { decideEligibility, type EligibilityInput, surveyRules } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { withLock } from '../delivery/lock.js';
import { readHistory } from '../state/history.js';
import type { UiHandle } from '../ui/contract.js';
import { report } from '../util/safe.js';
import type { ContextInput } from './context.js';
import type { Listeners } from './emitter.js';
import type { Platform } from './platform.js';
import type { WidgetConfig } from './read-config.js';
import type { Session } from './session.js';

/** What the display needs from the rest of the widget; the getters are read late, on purpose. */
export interface DisplayEnv extends Platform {
  config: WidgetConfig;
  /** The host's `on()` listeners (the UI chunk emits to them). */
  listeners: Listeners;
  /** The `identify()`d customer, if any, as of now. */
  customerId(): string | undefined;
  /** The host's signed tokens as of now (customer, then context), passed on untouched. */
  signed(): string[] | undefined;
  /** The session in charge; an attempt made for any other one (consent withdrawn since) gives up. */
  live(): Session | undefined;
}

/** The one survey slot of the page. */
export interface Display {
  /**
   * Shows `survey` if it is eligible now (`forced`: past sampling and triggers, as `show()` does) and
   * nothing is on screen yet.
   */
  attempt(s: Session, survey: SurveyDefinition, context: ContextInput, forced: boolean): void;
  /** Removes the survey on screen, if any. */
  close(): void;
}

/**
 * Creates the display: decides eligibility on this browser's history and loads the UI chunk only
 * when that says show. The UI chunk then asks the collector about identified customers (their other
 * devices; it reserves the display) and presents the survey — that check lives there because it is
 * only ever needed right before a survey appears, and the first script is the one every page pays.
 */
export function createDisplay(env: DisplayEnv): Display {
  let shown: UiHandle | undefined;

  function close(): void {
    const handle = shown;
    shown = undefined;
    try {
      handle?.unmount();
    } catch (error) {
      report(error);
    }
  }

  function attempt(
    s: Session,
    survey: SurveyDefinition,
    context: ContextInput,
    forced: boolean,
  ): void {
    // Undefined (no order) is the same as absent: to the engine, and in JSON on the wire.
    const orderId = context.orderId == null ? undefined : String(context.orderId);
    const mine = () => !shown && env.live() === s;
    // Decide and record the display under one cross-tab lock, so two tabs can't both show a survey:
    // the second one sees the first one's display in the shared history and backs off.
    withLock(
      'npskit:display',
      async () => {
        if (!mine()) return;
        const decision = decideEligibility({
          survey: surveyRules(survey),
          quarantine: s.site.quarantine,
          history: { firstSeenAt: s.profile.firstSeenAt, entries: await readHistory(s.kv) },
          now: env.now(),
          respondentKey: env.customerId() ?? s.profile.anonymousId,
          forced,
          orderId,
        } as EligibilityInput);
        if (!decision.show) return;
        const ui = await env.loadUi();
        // Held until the display is in the shared history, so another tab sees it.
        await ui.present({
          env,
          s,
          survey,
          context,
          orderId,
          mine,
          shown(handle) {
            shown = handle;
          },
          onClose(handle) {
            if (shown === handle) close();
          },
        });
      },
      false,
    ).catch(report);
  }

  return { attempt, close };
}
