import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MountProps } from './contract.js';
import { emotionChoices } from './emotions.js';
import { Followup } from './Followup.js';
import { ScoreScale } from './ScoreScale.js';
import { Sender } from './Sender.js';
import { resolveTexts, textDirection } from './texts.js';

/** How long the thank-you stays before the dialog closes itself. */
const THANKS_MS = 4000;

type Phase = 'scale' | 'followup' | 'thanks';

/** True when keyboard focus is inside `element` (which may sit in a shadow root). */
function hasFocus(element: HTMLElement | null): boolean {
  const root = element?.getRootNode() as Document | ShadowRoot | undefined;
  const active = root?.activeElement;
  return !!active && !!element?.contains(active);
}

/**
 * The survey dialog: scale → (optional) follow-up → thanks. Non-modal and never takes focus on its
 * own; when the user is already inside it, focus follows them to the next step.
 */
export function Survey(props: MountProps) {
  const { survey, locale } = props;
  const texts = useMemo(() => resolveTexts(survey, locale), [survey, locale]);
  const dir = textDirection(locale);
  const emotions = survey.emotions?.enabled === true;
  const comment = survey.comment !== false;
  const given = props.score;
  const [phase, setPhase] = useState<Phase>(
    given === undefined ? 'scale' : emotions || comment ? 'followup' : 'thanks',
  );
  const [score, setScore] = useState(given ?? 0);
  const root = useRef<HTMLDivElement>(null);
  const keepFocus = useRef(false);
  const answered = useRef(given !== undefined);

  useEffect(() => {
    if (keepFocus.current) {
      keepFocus.current = false;
      // The step's first control: its roving radio, else the comment, else (thanks) the close button.
      const next = ['[tabindex="0"]', 'textarea', '.x']
        .map((selector) => root.current?.querySelector<HTMLElement>(selector))
        .find(Boolean);
      next?.focus();
    }
    if (phase !== 'thanks') return;
    const timer = setTimeout(props.onClose, THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  const go = (next: Phase) => {
    keepFocus.current = hasFocus(root.current);
    setPhase(next);
  };
  const pick = (value: number) => {
    if (answered.current) return;
    answered.current = true;
    setScore(value);
    props.onAnswer(value);
    go(emotions || comment ? 'followup' : 'thanks');
  };
  const dismiss = () => {
    props.onDismiss();
    props.onClose();
  };

  return (
    <div
      ref={root}
      class="card"
      role="dialog"
      aria-modal="false"
      aria-label={texts.question}
      dir={dir}
      lang={locale}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        dismiss();
      }}
    >
      <button type="button" class="x" aria-label={texts.close} onClick={dismiss}>
        <span aria-hidden="true">×</span>
      </button>
      {survey.sender && <Sender sender={survey.sender} />}
      {phase === 'scale' && (
        <ScoreScale
          question={texts.question}
          lowLabel={texts.lowLabel}
          highLabel={texts.highLabel}
          rtl={dir === 'rtl'}
          onPick={pick}
        />
      )}
      {phase === 'followup' && (
        <Followup
          texts={texts}
          choices={emotions ? emotionChoices(survey, score, locale) : []}
          comment={comment}
          rtl={dir === 'rtl'}
          onSend={(answer) => {
            props.onFollowup(answer);
            go('thanks');
          }}
          onSkip={() => go('thanks')}
        />
      )}
      <p class="thanks" role="status">
        {phase === 'thanks' ? texts.thanks : ''}
      </p>
    </div>
  );
}
