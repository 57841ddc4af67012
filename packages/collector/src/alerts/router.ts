import type { AlertFilter, AlertSubscription, CollectorConfig } from '@npskit/core/schema';
import type { AlertType } from '../store/outbox-types.js';
import type { CategoryName } from '../store/types.js';
import { ownerKey, webhookKey } from './destinations.js';

/** What an alert is about, for the routing filters. */
export interface AlertSubject {
  surveyId: string | null;
  unit: string | null;
  touchpoint: string | null;
  category: CategoryName | null;
  /** The case's owner, or the owner the response's store routes to. */
  ownerId: string | null;
}

/** Picks the destinations of each alert from the config's webhooks and owners. */
export interface AlertRouter {
  /**
   * A response alert: `detractor`/`answer` hooks by category (a hook on both gets one alert);
   * `followup` and `answer_changed` go where the answer's alert went (for a changed answer: where
   * either score's alert went).
   */
  forResponse(
    type: 'detractor' | 'answer' | 'followup' | 'answer_changed',
    subject: AlertSubject,
    previousCategory?: CategoryName | null,
  ): Array<{ destination: string; type: AlertType }>;
  /** A case alert: hooks on `case_opened` / `case_overdue`, and the owner's e-mail. */
  forCase(type: 'case_opened' | 'case_overdue', subject: AlertSubject): string[];
  /** An owner's digest: hooks on `digest` whose filter admits the owner, and the owner's e-mail. */
  forDigest(owner: { id: string; units?: readonly string[] | undefined }): string[];
  /**
   * How long a new answer's or case's alert to `destination` waits for the comment: the webhook's
   * `holdSeconds`, else 30 s for chat formats and e-mail, 0 for JSON.
   */
  holdMs(destination: string): number;
}

/** Default hold of chat and e-mail alerts: the comment usually follows the score within seconds. */
export const DEFAULT_CHAT_HOLD_MS = 30_000;

const admits = (list: readonly string[] | undefined, value: string | null) =>
  list === undefined || (value !== null && list.includes(value));

/** True when every list of `filter` admits the subject. */
export function passesFilter(filter: AlertFilter | undefined, subject: AlertSubject): boolean {
  if (!filter) return true;
  return (
    admits(filter.surveys, subject.surveyId) &&
    admits(filter.units, subject.unit) &&
    admits(filter.touchpoints, subject.touchpoint) &&
    admits(filter.categories, subject.category) &&
    admits(filter.owners, subject.ownerId)
  );
}

/** Builds the router for a validated config. */
export function createAlertRouter(config: CollectorConfig): AlertRouter {
  const hooks = config.webhooks.map((hook) => ({
    hook,
    key: webhookKey(hook),
    on: new Set<AlertSubscription>(hook.on),
  }));
  const emailOwners = new Map(
    config.smtp
      ? (config.cases?.owners ?? [])
          .filter((owner) => owner.email !== undefined)
          .map((owner) => [owner.id, owner])
      : [],
  );
  /** The answer-alert type a hook gets for a category, or undefined when it wants none. */
  const answerType = (on: ReadonlySet<AlertSubscription>, category: CategoryName | null) => {
    if (category === 'detractor' && on.has('detractor')) return 'detractor' as const;
    return on.has('answer') ? ('answer' as const) : undefined;
  };
  const holds = new Map<string, number>(
    hooks.map(({ hook, key }) => [
      key,
      hook.holdSeconds !== undefined
        ? hook.holdSeconds * 1000
        : hook.format === 'json'
          ? 0
          : DEFAULT_CHAT_HOLD_MS,
    ]),
  );
  return {
    holdMs: (destination) =>
      holds.get(destination) ??
      (config.smtp?.holdSeconds !== undefined
        ? config.smtp.holdSeconds * 1000
        : DEFAULT_CHAT_HOLD_MS),
    forResponse(type, subject, previousCategory) {
      const out: Array<{ destination: string; type: AlertType }> = [];
      for (const { hook, key, on } of hooks) {
        const wanted =
          answerType(on, subject.category) ??
          (type === 'answer_changed' && previousCategory !== undefined
            ? answerType(on, previousCategory)
            : undefined);
        if (wanted === undefined) continue;
        // A changed answer is filtered on either category, so a hook for detractors hears that
        // its detractor became a promoter.
        const pass =
          passesFilter(hook.filter, subject) ||
          (type === 'answer_changed' &&
            previousCategory !== undefined &&
            passesFilter(hook.filter, { ...subject, category: previousCategory }));
        if (!pass) continue;
        out.push({
          destination: key,
          type: type === 'detractor' || type === 'answer' ? wanted : type,
        });
      }
      return out;
    },
    forCase(type, subject) {
      const out = hooks
        .filter(({ hook, on }) => on.has(type) && passesFilter(hook.filter, subject))
        .map(({ key }) => key);
      if (subject.ownerId !== null && emailOwners.has(subject.ownerId)) {
        out.push(ownerKey(subject.ownerId));
      }
      return out;
    },
    forDigest(owner) {
      const units = owner.units ?? [];
      const out = hooks
        .filter(({ hook, on }) => {
          if (!on.has('digest')) return false;
          const filter = hook.filter;
          if (filter?.owners && !filter.owners.includes(owner.id)) return false;
          return !filter?.units || units.some((unit) => filter.units?.includes(unit));
        })
        .map(({ key }) => key);
      const emailOwner = emailOwners.get(owner.id);
      if (emailOwner && emailOwner.digest !== 'off') out.push(ownerKey(owner.id));
      return out;
    },
  };
}
