import { useState } from 'preact/hooks';
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

/**
 * The optional emotion pick and comment, then Send or Skip. The score is already recorded and so is
 * an emotion the moment it is picked: Skip only skips what is left. The comment box is one line
 * until it is focused or filled, so the step covers little of the page.
 */
export function Followup({ texts, choices, comment, rtl, emotion, ...on }: FollowupProps) {
  const [text, setText] = useState('');
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
      {comment && (
        <>
          <label for="npskit-c">{texts.commentLabel}</label>
          <textarea
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
        <button type="button" class="send" onClick={() => on.onSend(text.trim() || undefined)}>
          {texts.submit}
        </button>
        <button type="button" onClick={on.onSkip}>
          {texts.skip}
        </button>
      </div>
    </div>
  );
}
