import { DEFAULT_EMOTIONS } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { baseLocale, pageTexts, surveyTexts } from '../invitations/texts.js';
import type { HostedAssets } from './assets.js';
import { escapeHtml, jsonForScript } from './html.js';
import { surveyAccent } from './theme.js';

/** How long the page must have been visible before it reports itself seen without a tap. */
export const SEEN_AFTER_MS = 3000;

/** Everything the survey page shows. */
export interface SurveyPageInput {
  survey: SurveyDefinition;
  locale: string;
  /** The page's own path (`/s/<token>`): the form posts there, the script too. */
  path: string;
  /** The score the link picked (`?score=N`), if any. */
  linkScore: number | undefined;
  /** The score already stored for this response, if any. */
  storedScore: number | null;
  nonce: string;
  assets: HostedAssets;
}

/**
 * The survey as the page hands it to the widget's UI: no avatar URL (the page makes no third-party
 * request, and its CSP would refuse it), no promoter link that is a path on the *shop's* site (on
 * the collector's origin it would lead nowhere), no triggers (the page has none).
 */
export function pageSurvey(survey: SurveyDefinition): Record<string, unknown> {
  const { triggers, sender, ...rest } = survey as SurveyDefinition & {
    thanks?: { promoterUrl?: string };
  };
  void triggers;
  const copy: Record<string, unknown> = { ...rest };
  if (sender) copy.sender = { name: sender.name, ...(sender.title ? { title: sender.title } : {}) };
  const thanks = (rest as { thanks?: { promoterUrl?: string } }).thanks;
  if (thanks?.promoterUrl?.startsWith('/')) {
    const { promoterUrl, ...others } = thanks;
    void promoterUrl;
    copy.thanks = others;
  }
  return copy;
}

const dirOf = (locale: string) =>
  ['ar', 'he', 'fa', 'ur'].includes(baseLocale(locale)) ? 'rtl' : 'ltr';

/**
 * The page's shell: strict CSP-friendly (no inline script; one nonce'd `<style>` for the survey's
 * accent), the language and direction of the invitation, and nothing loaded from anywhere but the
 * collector. Used by the survey page and the friendly pages.
 */
export function pageShell(input: {
  locale: string;
  title: string;
  nonce: string;
  assets: HostedAssets;
  accent: { background: string; text: string };
  head?: string;
  body: string;
}): string {
  const { locale, nonce, assets, accent } = input;
  return `<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${dirOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="/s/assets/${escapeHtml(assets.css)}">
<style nonce="${escapeHtml(nonce)}">:root{--accent:${accent.background};--accent-text:${accent.text}}</style>
${input.head ?? ''}</head>
<body>
<main>
${input.body}
</main>
</body>
</html>
`;
}

/** The survey page's form: what works with no JavaScript at all (and before the script runs). */
function surveyForm(input: SurveyPageInput): string {
  const { survey, locale } = input;
  const texts = surveyTexts(survey, locale);
  const picked = input.storedScore ?? input.linkScore;
  const scale = Array.from({ length: 11 }, (_, score) => {
    const checked = picked === score ? ' checked' : '';
    return `<label><input type="radio" name="score" value="${score}" required${checked}><span>${score}</span></label>`;
  }).join('');
  const emotions =
    survey.emotions?.enabled === true
      ? `<fieldset><legend>${escapeHtml(texts.emotionPrompt)}</legend><div class="emotions">${(
          survey.emotions.options ?? DEFAULT_EMOTIONS
        )
          .map(({ key, emoji, label }) => {
            const text = label[locale] ?? label[baseLocale(locale)] ?? label.en ?? key;
            return `<label><input type="radio" name="emotion" value="${escapeHtml(key)}"><span>${escapeHtml(`${emoji} ${text}`)}</span></label>`;
          })
          .join('')}</div></fieldset>`
      : '';
  const comment =
    survey.comment !== false
      ? `<p><label for="npskit-comment">${escapeHtml(texts.commentLabel)}</label></p><p><textarea id="npskit-comment" name="comment" maxlength="2000" placeholder="${escapeHtml(texts.commentPlaceholder)}"></textarea></p>`
      : '';
  return `<form id="npskit-form" class="box" method="post" action="${escapeHtml(input.path)}">
<fieldset><legend>${escapeHtml(texts.question)}</legend>
<div class="scale">${scale}</div>
<div class="ends" aria-hidden="true"><span>${escapeHtml(texts.lowLabel)}</span><span>${escapeHtml(texts.highLabel)}</span></div>
</fieldset>
${emotions}${comment}<p><button type="submit">${escapeHtml(texts.submit)}</button></p>
</form>`;
}

/**
 * The hosted survey page (`GET /s/<token>`). Without JavaScript it is a form that posts the score,
 * emotion and comment in one go. With it, the page script (`npskit-hosted.js`) replaces the form
 * with the widget's own UI chunk — the same card as on the shop's pages, on the follow-up step when
 * the link picked a score — and reports to the collector only once a person is there (see
 * `SEEN_AFTER_MS` and the README's "prefetch safety"). A GET never records anything.
 */
export function surveyPage(input: SurveyPageInput): string {
  const { survey, locale, assets } = input;
  const texts = surveyTexts(survey, locale);
  const sender = survey.sender
    ? `<p class="sender">${escapeHtml(survey.sender.name)}${survey.sender.title ? ` · ${escapeHtml(survey.sender.title)}` : ''}</p>`
    : '';
  const config = {
    post: input.path,
    locale,
    nonce: input.nonce,
    // The score to record once a person is there: the link's, unless one is stored already.
    score: input.storedScore ?? input.linkScore ?? null,
    answered: input.storedScore !== null,
    seenAfterMs: SEEN_AFTER_MS,
    ui: assets.ui ? `/s/assets/${assets.ui}` : null,
    survey: pageSurvey(survey),
    texts: { closeTab: pageTexts(locale).closeTab },
  };
  const head = assets.script
    ? `<script type="application/json" id="npskit-invitation">${jsonForScript(config)}</script>
<script type="module" src="/s/assets/${escapeHtml(assets.script)}"></script>
`
    : '';
  return pageShell({
    locale,
    title: `${survey.brand} – ${texts.question}`,
    nonce: input.nonce,
    assets,
    accent: surveyAccent(survey),
    head,
    body: `<p class="brand">${escapeHtml(survey.brand)}</p>
${surveyForm(input)}
<div id="npskit-survey"></div>
<p id="npskit-done" class="box" hidden>${escapeHtml(pageTexts(locale).closeTab)}</p>
${sender}`,
  });
}
