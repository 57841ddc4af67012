import { useState } from 'preact/hooks';
import { MAX_COMMENT } from '../delivery/limits.js';
import type { FollowupAnswer } from './contract.js';
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
  onSend(answer: FollowupAnswer): void;
  onSkip(): void;
}

/** The optional emotion pick and comment, then Send or Skip. The score is already recorded. */
export function Followup({ texts, choices, comment, rtl, onSend, onSkip }: FollowupProps) {
  const [emotion, setEmotion] = useState<string | undefined>();
  const [text, setText] = useState('');
  return (
    <div>
      {choices.length > 0 && (
        <EmotionPicker
          prompt={texts.emotionPrompt}
          choices={choices}
          value={emotion}
          rtl={rtl}
          onChange={setEmotion}
        />
      )}
      {comment && (
        <>
          <label for="npskit-c">{texts.commentLabel}</label>
          <textarea
            id="npskit-c"
            rows={3}
            maxLength={MAX_COMMENT}
            placeholder={texts.commentPlaceholder}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </>
      )}
      <div class="acts">
        <button
          type="button"
          class="send"
          onClick={() => {
            const answer: FollowupAnswer = {};
            if (emotion) answer.emotion = emotion;
            if (text.trim()) answer.comment = text.trim();
            onSend(answer);
          }}
        >
          {texts.submit}
        </button>
        <button type="button" onClick={onSkip}>
          {texts.skip}
        </button>
      </div>
    </div>
  );
}
