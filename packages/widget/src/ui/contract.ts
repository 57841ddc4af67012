import type { SurveyDefinition } from '@npskit/core/schema';
import type { ContextInput } from '../runtime/context.js';
import type { DisplayEnv } from '../runtime/display.js';
import type { Session } from '../runtime/session.js';

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
   * after the score and does not call `onAnswer` for it (a change still does).
   */
  score?: number | undefined;
  /**
   * Render inside this element, in the page's flow (the collector's hosted survey page), instead of
   * as a card floating over the page at the end of `<body>`.
   */
  container?: HTMLElement | undefined;
  /** An `identify()`d customer: someone can get in touch (see `survey.thanks.detractorContact`). */
  identified?: boolean | undefined;
  /** A score was tapped: record it now, before anything else can go wrong. A change sends again. */
  onAnswer(score: number): void;
  /** An emotion was picked (sent at once), or a comment sent. */
  onFollowup(answer: FollowupAnswer): void;
  /** Close button or Escape. */
  onDismiss(): void;
  /** The dialog is done (dismissed or thanked); remove it. */
  onClose(): void;
}

/** What the loader hands the UI chunk once this browser's history says a survey may show. */
export interface PresentArgs {
  env: DisplayEnv;
  s: Session;
  survey: SurveyDefinition;
  /** Shared context merged with the trigger's context, as the host passed it (cleaned here). */
  context: ContextInput;
  orderId: string | undefined;
  /** True while the slot is free and the session still in charge (checked again after each wait). */
  mine(): boolean;
  /** The survey is on screen: the page's one survey slot is taken. */
  shown(handle: UiHandle): void;
  /** The dialog went away. */
  onClose(handle: UiHandle): void;
}

/** A shown survey. */
export interface UiHandle {
  unmount(): void;
}

/** The UI chunk's module shape (`npskit-ui.js`). */
export interface UiModule {
  /** Resolves once the display is recorded in the shared history (or nothing will be shown). */
  present(args: PresentArgs): Promise<unknown>;
  /** The dialog alone, for pages that record answers themselves (the hosted survey page). */
  mount(props: MountProps): UiHandle;
}
