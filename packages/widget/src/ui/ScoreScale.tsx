import { useRef, useState } from 'preact/hooks';
import { radio, rovingTarget } from './roving.js';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Props of the 0–10 scale. */
export interface ScoreScaleProps {
  question: string;
  lowLabel: string;
  highLabel: string;
  rtl: boolean;
  /** The score already given, when the customer came back to change it. */
  value?: number | undefined;
  onPick(score: number): void;
}

/**
 * The 0–10 scale: a radiogroup named by the question, one radio per score, end labels describing 0
 * and 10. One row where the card is wide enough for comfortable targets, two rows (0–5, 6–10) below
 * that (see `.row` in styles.ts). Arrows/Home/End move focus (roving tabindex) without answering;
 * Enter, Space or a click answers.
 */
export function ScoreScale({ question, lowLabel, highLabel, rtl, value, onPick }: ScoreScaleProps) {
  const [active, setActive] = useState(value ?? 0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  return (
    <div>
      <p id="npskit-q" class="q">
        {question}
      </p>
      <div
        role="radiogroup"
        aria-labelledby="npskit-q"
        class="row"
        onKeyDown={(event) => {
          const next = rovingTarget(event.key, active, SCORES.length, rtl);
          if (next === undefined) return;
          event.preventDefault();
          setActive(next);
          buttons.current[next]?.focus();
        }}
      >
        {SCORES.map((score) => (
          <button
            key={score}
            ref={(element) => {
              buttons.current[score] = element;
            }}
            type="button"
            {...radio(score === value)}
            aria-describedby={score === 0 ? 'npskit-lo' : score === 10 ? 'npskit-hi' : undefined}
            tabIndex={score === active ? 0 : -1}
            onFocus={() => setActive(score)}
            onClick={() => onPick(score)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' && event.key !== ' ') return;
              event.preventDefault();
              onPick(score);
            }}
          >
            {score}
          </button>
        ))}
      </div>
      <div class="ends">
        <span id="npskit-lo">{lowLabel}</span>
        <span id="npskit-hi">{highLabel}</span>
      </div>
    </div>
  );
}
