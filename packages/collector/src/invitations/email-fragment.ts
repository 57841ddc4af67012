import type { SurveyDefinition } from '@npskit/core/schema';
import { escapeHtml } from '../hosted/html.js';
import { surveyAccent } from '../hosted/theme.js';
import type { InvitationLinks } from './links.js';
import { dayOf, pageTexts, surveyTexts } from './texts.js';

/** What one fragment needs besides the survey. */
export interface FragmentInput {
  survey: SurveyDefinition;
  locale: string;
  links: InvitationLinks;
  /** Epoch ms; the fragment names the last day the links work. */
  expiresAt: number;
}

const FONT = 'Arial,Helvetica,sans-serif';

/**
 * The e-mail HTML fragment of an invitation: the question, eleven score links (`…?score=N`), the
 * end labels, the sender, a link to the page without a score, the open pixel and the scanner trap.
 * Built for mail clients, not browsers: nested tables, inline styles and `bgcolor` (Outlook's Word
 * engine ignores most CSS), no `<style>`, no script, no web fonts, no image but the pixel — so the
 * links work in every client, with or without images, and read in order in a screen reader.
 * Every text is HTML-escaped (brand, question and sender come from the config).
 *
 * The trap is an empty, hidden link: people can't see or tab to it, scanners that follow every link
 * do; after it was requested, the page believes only real interactions (see `hosted-survey.ts`).
 */
export function emailFragment(input: FragmentInput): string {
  const { survey, locale, links } = input;
  const texts = surveyTexts(survey, locale);
  const page = pageTexts(locale);
  const accent = surveyAccent(survey);
  const cell = (score: number) => {
    const href = escapeHtml(links.scores[score] ?? links.page);
    const label =
      score === 0 ? ` – ${texts.lowLabel}` : score === 10 ? ` – ${texts.highLabel}` : '';
    return (
      `<td align="center" bgcolor="${accent.background}" style="background:${accent.background};border-radius:6px;">` +
      `<a href="${href}" title="${escapeHtml(`${score}${label}`)}" style="display:block;padding:10px 0;font-family:${FONT};font-size:16px;line-height:20px;font-weight:bold;color:${accent.text};text-decoration:none;">${score}</a></td>`
    );
  };
  const sender = survey.sender
    ? `<tr><td style="padding:16px 0 0;font-family:${FONT};font-size:14px;line-height:20px;color:#1b1b1f;">${escapeHtml(survey.sender.name)}${
        survey.sender.title
          ? `<br><span style="color:#5f6168;">${escapeHtml(survey.sender.title)}</span>`
          : ''
      }</td></tr>`
    : '';
  const until = page.validUntil.replace('{date}', dayOf(input.expiresAt - 1));
  return [
    `<!-- npskit invitation: survey ${escapeHtml(survey.id)}, locale ${escapeHtml(locale)} -->`,
    `<table role="presentation" lang="${escapeHtml(locale)}" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;border-collapse:collapse;">`,
    `<tr><td style="padding:0 0 12px;font-family:${FONT};font-size:18px;line-height:24px;font-weight:bold;color:#1b1b1f;">${escapeHtml(texts.question)}</td></tr>`,
    '<tr><td>',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="3" border="0" style="table-layout:fixed;">',
    `<tr>${Array.from({ length: 11 }, (_, score) => cell(score)).join('')}</tr>`,
    '</table>',
    '</td></tr>',
    '<tr><td>',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">',
    `<tr><td align="left" style="padding:4px 3px 0;font-family:${FONT};font-size:12px;line-height:16px;color:#5f6168;">${escapeHtml(texts.lowLabel)}</td>`,
    `<td align="right" style="padding:4px 3px 0;font-family:${FONT};font-size:12px;line-height:16px;color:#5f6168;">${escapeHtml(texts.highLabel)}</td></tr>`,
    '</table>',
    '</td></tr>',
    sender,
    `<tr><td style="padding:16px 0 0;font-family:${FONT};font-size:12px;line-height:16px;color:#5f6168;"><a href="${escapeHtml(links.page)}" style="color:${accent.link};">${escapeHtml(page.openInBrowser)}</a> · ${escapeHtml(until)}</td></tr>`,
    '</table>',
    `<img src="${escapeHtml(links.pixel)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">`,
    `<a href="${escapeHtml(links.trap)}" tabindex="-1" aria-hidden="true" style="display:none;"></a>`,
  ]
    .filter(Boolean)
    .join('\n');
}
