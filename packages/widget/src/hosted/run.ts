// The hosted survey page's logic (see entry.ts, which runs it).
import type { UiHandle, UiModule } from '../ui/contract.js';
import { readConfig } from './config.js';
import { whenPresent } from './presence.js';
import { createReporter, type ReportResult } from './report.js';

/**
 * Runs the hosted page: the same card as on a shop's page, in the page's flow, opened on the
 * follow-up step when the e-mail link picked a score. The score is recorded once a person is
 * evidently there (see `whenPresent`), never on page load alone; every later step as it happens.
 */
export async function runHostedPage(
  doc: Document,
  load: (url: string) => Promise<UiModule> = (url) =>
    import(/* @vite-ignore */ url) as Promise<UiModule>,
): Promise<UiHandle | undefined> {
  const config = readConfig(doc);
  const container = doc.getElementById('npskit-survey');
  const form = doc.getElementById('npskit-form');
  if (!config?.ui || !container || !form) return undefined;
  let ui: UiModule;
  try {
    ui = await load(config.ui);
  } catch {
    return undefined; // The form still works.
  }
  const report = createReporter(config.post);
  const settle = (result: Promise<ReportResult>) =>
    result.then((outcome) => {
      // Used or closed in the meantime (another tab, the expiry): the page says so on reload.
      if (outcome === 'gone') doc.defaultView?.location.reload();
    });
  let answered = config.answered ? config.score : null;
  const pending = config.answered ? null : config.score;
  const present = (visibleMs: number) =>
    whenPresent(doc, visibleMs, (trigger) => {
      if (answered !== null) return;
      const action =
        pending !== null
          ? ({ action: 'answer', score: pending, trigger } as const)
          : ({ action: 'seen', trigger } as const);
      if (pending !== null) answered = pending;
      const sent = report(action);
      settle(sent);
      void sent.then((outcome) => {
        // A scanner was caught on this invitation: wait for a real interaction instead.
        if (outcome !== 'ignored') return;
        if (answered === pending) answered = null;
        present(Number.POSITIVE_INFINITY);
      });
    });
  present(config.seenAfterMs);
  form.hidden = true;
  const handle = ui.mount({
    survey: config.survey,
    locale: config.locale,
    nonce: config.nonce,
    score: config.score ?? undefined,
    container,
    onAnswer(score) {
      answered = score;
      settle(report({ action: 'answer', score, trigger: 'interaction' }));
    },
    onFollowup(answer) {
      settle(report({ action: 'followup', ...answer }));
    },
    onDismiss() {
      if (answered === null) settle(report({ action: 'dismiss' }));
    },
    onClose() {
      if (answered !== null) settle(report({ action: 'done' }));
      handle.unmount();
      const done = doc.getElementById('npskit-done');
      if (done) done.hidden = false;
    },
  });
  return handle;
}
