import { decideEligibility, surveyRules } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { askCollector } from '../decide/remote-eligibility.js';
import { withLock } from '../delivery/lock.js';
import { addHistory, readHistory } from '../state/history.js';
import type { UiHandle } from '../ui/contract.js';
import { report } from '../util/safe.js';
import { uuid } from '../util/uuid.js';
import type { ContextInput } from './context.js';
import type { WidgetEventDetail, WidgetEventName } from './emitter.js';
import type { Platform } from './platform.js';
import type { WidgetConfig } from './read-config.js';
import { respondentOf, type Session } from './session.js';

/** What the display needs from the rest of the widget; the getters are read late, on purpose. */
export interface DisplayEnv extends Platform {
  config: WidgetConfig;
  emit(name: WidgetEventName, detail: WidgetEventDetail): void;
  /** The `identify()`d customer, if any, as of now. */
  customerId(): string | undefined;
  /** The signed tokens (customer, latest context) as of now: passed through untouched. */
  signed(): string[];
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
 * Creates the display: decides eligibility (locally, then with the collector for identified
 * customers), loads the UI chunk only when a survey will show, presents it and records it.
 */
export function createDisplay(env: DisplayEnv): Display {
  const { config, now } = env;
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
    const order = context.orderId;
    const orderId =
      typeof order === 'string' || typeof order === 'number' ? String(order) : undefined;
    const withOrder = <T extends object>(value: T) =>
      orderId === undefined ? value : { ...value, orderId };
    const withSigned = <T extends object>(value: T) => {
      const signed = env.signed();
      return signed[0] ? { ...value, signed } : value;
    };
    const respondent = () => respondentOf(s, env.customerId());
    // Decide and record the display under one cross-tab lock, so two tabs can't both show a survey:
    // the second one sees the first one's display in the shared history and backs off.
    withLock(
      'npskit:display',
      async () => {
        if (shown || env.live() !== s) return;
        const decision = decideEligibility(
          withOrder({
            survey: surveyRules(survey),
            quarantine: s.site.quarantine,
            history: { firstSeenAt: s.profile.firstSeenAt, entries: await readHistory(s.kv) },
            now: now(),
            respondentKey: env.customerId() ?? s.profile.anonymousId,
            forced,
          }),
        );
        if (!decision.show) return;
        let responseId = uuid();
        if (env.customerId()) {
          const remote = await askCollector(
            env.fetch,
            `${config.collector}/v1/eligibility`,
            withSigned(
              withOrder({
                site: config.site,
                surveyId: survey.id,
                respondent: respondent(),
              }),
            ),
          );
          if (remote?.show === false) return;
          responseId = remote?.responseId ?? responseId;
        }
        const ui = await env.loadUi();
        if (shown || env.live() !== s) return;
        const writes: Promise<unknown>[] = [];
        const handle: UiHandle = ui.present({
          survey,
          responseId,
          context,
          locale: config.locale,
          nonce: config.nonce,
          respondent,
          now,
          send: (event) => writes.push(s.delivery.enqueue([withSigned(event)])),
          remember: (type) =>
            writes.push(addHistory(s.kv, withOrder({ surveyId: survey.id, type, at: now() }))),
          emit: env.emit,
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
    ).catch(report);
  }

  return { attempt, close };
}
