import { useRef, useState } from 'preact/hooks';
import type { EmotionChoice } from './emotions.js';
import { radio, rovingTarget } from './roving.js';

/** Props of the emotion pick. */
export interface EmotionPickerProps {
  prompt: string;
  choices: EmotionChoice[];
  value: string | undefined;
  rtl: boolean;
  /** A chip was picked: the emotion is sent at once (the customer may leave any moment). */
  onPick(key: string): void;
}

/**
 * One tap on an emoji-and-word chip. A radiogroup named by the prompt with a roving tab stop; like
 * the score scale, arrows only move focus and Enter, Space or a tap picks, because every pick is
 * sent. Another chip replaces the pick.
 */
export function EmotionPicker({ prompt, choices, value, rtl, onPick }: EmotionPickerProps) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const [active, setActive] = useState(
    Math.max(
      0,
      choices.findIndex((c) => c.key === value),
    ),
  );
  return (
    <div>
      <p id="npskit-ep">{prompt}</p>
      <div
        role="radiogroup"
        aria-labelledby="npskit-ep"
        class="emo"
        onKeyDown={(event) => {
          const next = rovingTarget(event.key, active, choices.length, rtl);
          if (next === undefined) return;
          event.preventDefault();
          setActive(next);
          buttons.current[next]?.focus();
        }}
      >
        {choices.map((choice, index) => (
          <button
            key={choice.key}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            {...radio(choice.key === value)}
            tabIndex={index === active ? 0 : -1}
            onFocus={() => setActive(index)}
            onClick={() => onPick(choice.key)}
          >
            <span class="emoji" aria-hidden="true">
              {choice.emoji}
            </span>{' '}
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
