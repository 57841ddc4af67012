import type { NpsEvent, SurveyDefinition } from '@npskit/core/schema';
import type { ContextInput } from '../runtime/context.js';
import type { WidgetEventDetail, WidgetEventName } from '../runtime/emitter.js';

/** A follow-up answer: the emotion picked and/or the comment typed (either may be missing). */
export interface FollowupAnswer {
  emotion?: string;
  comment?: string;
}

/** What the dialog component needs. */
export interface MountProps {
  survey: SurveyDefinition;
  /** Already resolved (explicit → `<html lang>` → survey default → en). */
  locale: string;
  /** The loader script's nonce, for the `<style>` fallback under a strict CSP. */
  nonce?: string | undefined;
  /**
   * A score already given elsewhere (an e-mail's one-tap score link): the dialog opens on the step
   * after the score and does not call `onAnswer` for it.
   */
  score?: number | undefined;
  /**
   * Render inside this element, in the page's flow (the collector's hosted survey page), instead of
   * as a card floating over the page at the end of `<body>`.
   */
  container?: HTMLElement | undefined;
  /** A score was tapped: record it now, before anything else can go wrong. */
  onAnswer(score: number): void;
  onFollowup(answer: FollowupAnswer): void;
  /** Close button or Escape. */
  onDismiss(): void;
  /** The dialog is done (dismissed or thanked); remove it. */
  onClose(): void;
}

/** What the loader hands the UI chunk once it decided to show a survey (see `present`). */
export interface PresentArgs {
  survey: SurveyDefinition;
  responseId: string;
  /** Shared context merged with the trigger's context, as the host passed it (cleaned here). */
  context: ContextInput;
  /** `data-locale` / `init({ locale })`. */
  locale?: string | undefined;
  nonce?: string | undefined;
  respondent: () => NpsEvent['respondent'];
  now: () => number;
  /** Writes an event to the durable queue (then sends it). */
  send(event: NpsEvent): void;
  /** Adds to this browser's history, for eligibility. */
  remember(type: 'display' | 'answer' | 'dismiss'): void;
  emit(name: WidgetEventName, detail: WidgetEventDetail): void;
  /** The dialog went away. */
  onClose(): void;
}

/** A shown survey. */
export interface UiHandle {
  unmount(): void;
}

/** The UI chunk's module shape (`npskit-ui.js`). */
export interface UiModule {
  present(args: PresentArgs): UiHandle;
  /** The dialog alone, for pages that record answers themselves (the hosted survey page). */
  mount(props: MountProps): UiHandle;
}
