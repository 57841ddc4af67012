import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_COMMENT } from '../delivery/limits.js';
import { EmotionPicker } from './EmotionPicker.js';
import type { EmotionChoice } from './emotions.js';
import type { Texts } from './texts.js';

/** Props of the optional step after the score. */
export interface FollowupProps {
  texts: Texts;
  /** Empty when the survey has emotions off. */
  choices: EmotionChoice[];
  comment: boolean;
  rtl: boolean;
  /** The emotion already picked (and sent), kept across a change of score. */
  emotion: string | undefined;
  onEmotion(key: string): void;
  /** Send: the trimmed comment, or undefined when nothing was typed. */
  onSend(comment: string | undefined): void;
  onSkip(): void;
}

/** Where the dialog is a bottom sheet (styles.ts): there the comment box waits to be asked for. */
const SHEET = '(max-width: 480px)';

/**
 * The optional emotion pick and comment, then Send or Skip. The score is already recorded and so is
 * an emotion the moment it is picked: Skip only skips what is left. The comment box is one line
 * until it is focused or filled. On a phone it is a link-button ("Anything you want to add?") next
 * to the one button that finishes (Skip, or Send once an emotion is picked) until tapped, so the
 * step covers little of the page.
 */
export function Followup({ texts, choices, comment, rtl, emotion, ...on }: FollowupProps) {
  const [text, setText] = useState('');
  const [writing, setWriting] = useState(() => !globalThis.matchMedia?.(SHEET).matches);
  /** On a phone, until the comment is asked for: one row of actions — Skip, or Send once an emotion is picked. */
  const folded = comment && !writing;
  const box = useRef<HTMLTextAreaElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Focus follows the customer's own tap on "Anything you want to add?", never anything else.
    if (writing && asked.current) box.current?.focus();
  }, [writing]);
  return (
    <div>
      {choices.length > 0 && (
        <EmotionPicker
          prompt={texts.emotionPrompt}
          choices={choices}
          value={emotion}
          rtl={rtl}
          onPick={on.onEmotion}
        />
      )}
      {comment && writing && (
        <>
          <label for="npskit-c">{texts.commentLabel}</label>
          <textarea
            ref={box}
            id="npskit-c"
            rows={1}
            maxLength={MAX_COMMENT}
            placeholder={texts.commentPlaceholder}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </>
      )}
      <div class="acts">
        {(!folded || emotion) && (
          <button type="button" class="send" onClick={() => on.onSend(text.trim() || undefined)}>
            {texts.submit}
          </button>
        )}
        {(!folded || !emotion) && (
          <button type="button" onClick={on.onSkip}>
            {texts.skip}
          </button>
        )}
        {folded && (
          <button
            type="button"
            class="link"
            onClick={() => {
              asked.current = true;
              setWriting(true);
            }}
          >
            {texts.commentLabel}
          </button>
        )}
      </div>
    </div>
  );
}
