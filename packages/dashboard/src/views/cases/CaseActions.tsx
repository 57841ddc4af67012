import { useEffect, useRef, useState } from 'preact/hooks';
import { type CaseChange, type CaseItem, type CaseOptions, changeCase } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { rootCauseLabel } from '../../format/case-labels.js';
import { t } from '../../i18n/i18n.js';

/** The collector's limit for a note (and a closing note). */
const NOTE_MAX = 2000;

type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; text: string };

function reasonOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return t('case.conflict');
    if (error.status === 403) return t('case.forbidden');
    return `${error.status} ${error.code}`;
  }
  return String((error as Error)?.message ?? error);
}

function NoteField(props: { id: string; label: string; required?: boolean }) {
  return (
    <p class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name="note" rows={3} maxLength={NOTE_MAX} required={props.required} />
    </p>
  );
}

/**
 * What a caseworker can do with the case: mark the customer contacted, add a note, give the case to
 * another owner, and resolve it (after contact) or close it without action — both with a root cause
 * from the program's list and a note on what was done. Every change is sent with the session's
 * CSRF header and lands in the case's history under the key's name.
 */
export function CaseActions(props: {
  item: CaseItem;
  options: CaseOptions;
  onChanged: () => void;
}) {
  const { item, options } = props;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const active = item.status === 'open' || item.status === 'contacted';
  const said = useRef<HTMLParagraphElement>(null);
  // The form just used may be gone after the change (a contacted case has no "contact" form):
  // keyboard and screen-reader users land on what happened instead of the page's top.
  useEffect(() => {
    if (outcome?.kind === 'done') said.current?.focus();
  }, [outcome]);

  const submit = (build: (form: FormData) => CaseChange, done: string) => async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setBusy(true);
    setOutcome(null);
    try {
      await changeCase(item.caseId, build(new FormData(form)));
      form.reset();
      setOutcome({ kind: 'done', text: done });
      props.onChanged();
    } catch (error) {
      setOutcome({ kind: 'failed', text: t('case.failed', { reason: reasonOf(error) }) });
      if (error instanceof ApiError && error.status === 409) props.onChanged();
    } finally {
      setBusy(false);
    }
  };
  const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

  return (
    <div class="case-actions">
      <p class="case-outcome" role="status" data-testid="case-outcome" ref={said} tabIndex={-1}>
        {outcome?.kind === 'done' ? outcome.text : ''}
      </p>
      {outcome?.kind === 'failed' ? (
        <p class="state state-error" role="alert">
          {outcome.text}
        </p>
      ) : null}
      {item.status === 'open' ? (
        <form
          class="case-form"
          aria-labelledby="contact-title"
          onSubmit={submit((form) => {
            const note = text(form, 'note');
            return { kind: 'transition', to: 'contacted', ...(note ? { note } : {}) };
          }, t('case.doneContacted'))}
        >
          <h3 id="contact-title">{t('case.contactTitle')}</h3>
          <NoteField id="contact-note" label={t('case.contactNote')} />
          <button type="submit" disabled={busy}>
            {t('case.markContacted')}
          </button>
        </form>
      ) : null}
      <form
        class="case-form"
        aria-labelledby="note-title"
        onSubmit={submit(
          (form) => ({ kind: 'note', text: text(form, 'note') }),
          t('case.doneNote'),
        )}
      >
        <h3 id="note-title">{t('case.noteTitle')}</h3>
        <NoteField id="note-text" label={t('case.noteText')} required />
        <button type="submit" disabled={busy}>
          {t('case.addNote')}
        </button>
      </form>
      {active && options.owners.length > 0 ? (
        <form
          class="case-form"
          aria-labelledby="assign-title"
          onSubmit={submit(
            (form) => ({ kind: 'assign', owner: text(form, 'owner') }),
            t('case.doneAssigned'),
          )}
        >
          <h3 id="assign-title">{t('case.assignTitle')}</h3>
          <p class="field">
            <label for="assign-owner">{t('case.assignTo')}</label>
            <select id="assign-owner" name="owner" required>
              {options.owners
                .filter((owner) => owner.id !== item.owner?.id)
                .map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
            </select>
          </p>
          <button type="submit" disabled={busy}>
            {t('case.assign')}
          </button>
        </form>
      ) : null}
      {active ? (
        <form
          class="case-form"
          aria-labelledby="close-title"
          onSubmit={submit(
            (form) => ({
              kind: 'transition',
              to: text(form, 'outcome') === 'resolved' ? 'resolved' : 'closed_no_action',
              rootCause: text(form, 'rootCause'),
              note: text(form, 'note'),
            }),
            t('case.doneClosed'),
          )}
        >
          <h3 id="close-title">{t('case.closeTitle')}</h3>
          <p class="field">
            <label for="close-outcome">{t('case.outcome')}</label>
            <select id="close-outcome" name="outcome" required>
              {item.status === 'contacted' ? (
                <option value="resolved">{t('case.outcomeResolved')}</option>
              ) : null}
              <option value="closed_no_action">{t('case.outcomeNoAction')}</option>
            </select>
          </p>
          {item.status === 'open' ? <p class="hint">{t('case.resolveNeedsContact')}</p> : null}
          <p class="field">
            <label for="close-root-cause">{t('case.rootCause')}</label>
            <select id="close-root-cause" name="rootCause" required>
              <option value="">{t('case.chooseRootCause')}</option>
              {options.rootCauses.map((rootCause) => (
                <option key={rootCause} value={rootCause}>
                  {rootCauseLabel(rootCause)}
                </option>
              ))}
            </select>
          </p>
          <NoteField id="close-note" label={t('case.closeNote')} required />
          <button type="submit" disabled={busy}>
            {t('case.close')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
