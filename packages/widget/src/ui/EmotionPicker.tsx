import { useRef } from 'preact/hooks';
import type { EmotionChoice } from './emotions.js';
import { radio, rovingTarget } from './roving.js';

/** Props of the emotion pick. */
export interface EmotionPickerProps {
  prompt: string;
  choices: EmotionChoice[];
  value: string | undefined;
  rtl: boolean;
  onChange(key: string | undefined): void;
}

/**
 * One tap on an emoji-and-word chip. A radiogroup named by the prompt; arrows move and select (the
 * pick is not final until Send), a second click on the picked chip clears it.
 */
export function EmotionPicker({ prompt, choices, value, rtl, onChange }: EmotionPickerProps) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const selected = choices.findIndex((choice) => choice.key === value);
  const tabStop = Math.max(selected, 0);
  return (
    <div>
      <p id="npskit-ep">{prompt}</p>
      <div
        role="radiogroup"
        aria-labelledby="npskit-ep"
        class="emo"
        onKeyDown={(event) => {
          const next = rovingTarget(event.key, tabStop, choices.length, rtl);
          if (next === undefined) return;
          event.preventDefault();
          onChange(choices[next]?.key);
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
            tabIndex={index === tabStop ? 0 : -1}
            onClick={() => onChange(choice.key === value ? undefined : choice.key)}
          >
            <span aria-hidden="true">{choice.emoji} </span>
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
