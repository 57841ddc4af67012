import { classify } from '@npskit/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MountProps } from './contract.js';
import { emotionChoices } from './emotions.js';
import { Followup } from './Followup.js';
import { ScoreScale } from './ScoreScale.js';
import { Sender } from './Sender.js';
import { Thanks } from './Thanks.js';
import { resolveTexts, textDirection } from './texts.js';

/** How long the thank-you stays before the dialog closes itself… */
const THANKS_MS = 4000;
/** …and when it offers a link or says someone will get in touch: time to read it and to tap. */
const THANKS_WITH_MORE_MS = 12_000;

type Phase = 'scale' | 'followup' | 'thanks';

/** True when keyboard focus is inside `element` (which may sit in a shadow root). */
function hasFocus(element: HTMLElement | null): boolean {
  const root = element?.getRootNode() as Document | ShadowRoot | undefined;
  const active = root?.activeElement;
  return !!active && !!element?.contains(active);
}

/**
 * The survey dialog: scale → (optional) follow-up → thanks. After the tap the chosen score stays in
 * sight with a way to change it (a mis-tap is corrected, and the new score is sent at once). Non-modal
 * and never takes focus on its own; when the user is already inside it, focus follows them.
 */
export function Survey(props: MountProps) {
  const { survey, locale } = props;
  const texts = useMemo(() => resolveTexts(survey, locale), [survey, locale]);
  const dir = textDirection(locale);
  const emotions = survey.emotions?.enabled === true;
  const comment = survey.comment !== false;
  /** A score given elsewhere (an e-mail's score link): open on the step after it. */
  const given = props.score;
  const [phase, setPhase] = useState<Phase>(
    given === undefined ? 'scale' : emotions || comment ? 'followup' : 'thanks',
  );
  /** The phase a score change returns to. */
  const [resume, setResume] = useState<Phase | undefined>();
  const [score, setScore] = useState<number | undefined>(given);
  const [emotion, setEmotion] = useState<string | undefined>();
  /** The score as sent: a ref, so a double tap in one task can't send it twice. */
  const sent = useRef<number | undefined>(given);
  const root = useRef<HTMLDivElement>(null);
  const keepFocus = useRef(false);
  const category = score === undefined ? undefined : classify(score);
  const contact =
    category === 'detractor' && survey.thanks?.detractorContact === true && !!props.identified;
  const more = (category === 'promoter' && !!survey.thanks?.promoterUrl) || contact;

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
    const timer = setTimeout(props.onClose, more ? THANKS_WITH_MORE_MS : THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  const go = (next: Phase) => {
    keepFocus.current = hasFocus(root.current);
    setPhase(next);
  };
  const pick = (value: number) => {
    if (value !== sent.current) {
      sent.current = value;
      setScore(value);
      props.onAnswer(value);
    }
    go(resume ?? (emotions || comment ? 'followup' : 'thanks'));
  };
  const change = () => {
    setResume(phase);
    go('scale');
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
      {texts.senderName && (
        <Sender
          name={texts.senderName}
          title={texts.senderTitle}
          avatarUrl={survey.sender?.avatarUrl}
        />
      )}
      {phase === 'scale' ? (
        <ScoreScale
          question={texts.question}
          lowLabel={texts.lowLabel}
          highLabel={texts.highLabel}
          rtl={dir === 'rtl'}
          value={score}
          onPick={pick}
        />
      ) : (
        <p class="mine">
          <span id="npskit-mine">{texts.yourScore.replace('{score}', String(score))}</span>{' '}
          <button type="button" class="link" aria-describedby="npskit-mine" onClick={change}>
            {texts.change}
          </button>
        </p>
      )}
      {phase === 'followup' && score !== undefined && (
        <Followup
          texts={texts}
          choices={emotions ? emotionChoices(survey, score, locale) : []}
          comment={comment}
          rtl={dir === 'rtl'}
          emotion={emotion}
          onEmotion={(key) => {
            if (key === emotion) return;
            setEmotion(key);
            props.onFollowup({ emotion: key });
          }}
          onSend={(text) => {
            if (text) props.onFollowup(emotion ? { emotion, comment: text } : { comment: text });
            go('thanks');
          }}
          onSkip={() => go('thanks')}
        />
      )}
      <p class="status" role="status">
        {phase === 'thanks' && category && (
          <Thanks
            texts={texts}
            category={category}
            promoterUrl={survey.thanks?.promoterUrl}
            contact={contact}
          />
        )}
      </p>
    </div>
  );
}
