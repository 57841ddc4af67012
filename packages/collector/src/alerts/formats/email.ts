import type { OutboxMessage } from '../../store/outbox-types.js';
import { type AlertText, describeAlert, describeFlood, type LinkBase } from '../describe.js';
import { escapeEmailHtml, escapeEmailText, escapeHtml, oneLine } from '../escape.js';

/** An e-mail ready for the SMTP sender. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const FLOOD_SHOWN = 20;

/** The subject: one line, no respondent text beyond config values and numbers, at most 150 characters. */
function subject(title: string): string {
  const line = oneLine(`[npskit] ${title}`);
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
}

function linkHtml(link: AlertText['link']): string {
  if (!link) return '';
  // Only our own links are live; a relative path cannot be clicked in a mail client anyway.
  return /^https?:\/\//.test(link.url)
    ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`
    : `<p>${escapeHtml(link.label)}: <code>${escapeHtml(link.url)}</code></p>`;
}

function alertHtml(words: AlertText): string {
  const facts = words.facts
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding-right:12px">${escapeEmailHtml(label)}</th><td>${escapeEmailHtml(value)}</td></tr>`,
    )
    .join('');
  const quote = words.quote
    ? `<blockquote style="border-left:3px solid #ccc;margin:12px 0;padding-left:12px;white-space:pre-wrap">${escapeEmailHtml(words.quote)}</blockquote>`
    : '';
  return `<h2 style="font-size:16px">${escapeEmailHtml(words.title)}</h2><table>${facts}</table>${quote}`;
}

function alertText(words: AlertText): string {
  const lines = [escapeEmailText(words.title), ''];
  for (const [label, value] of words.facts) lines.push(`${label}: ${escapeEmailText(value)}`);
  if (words.quote)
    lines.push(
      '',
      ...escapeEmailText(words.quote)
        .split('\n')
        .map((l) => `> ${l}`),
    );
  return lines.join('\n');
}

/**
 * An alert (or a flood of them) as an e-mail: plain text plus HTML. Respondent text is HTML-escaped
 * and its links defanged in both parts; the subject holds only the title.
 */
export function emailContent(messages: readonly OutboxMessage[], base: LinkBase): EmailContent {
  const first = messages[0];
  if (!first) throw new Error('emailContent needs at least one alert');
  if (messages.length === 1) {
    const words = describeAlert(first, base);
    const link = words.link ? `\n\n${words.link.label}: ${words.link.url}` : '';
    return {
      subject: subject(words.title),
      text: `${alertText(words)}${link}\n`,
      html: `<!doctype html><html><body>${alertHtml(words)}${linkHtml(words.link)}</body></html>`,
    };
  }
  const flood = describeFlood(messages, base, FLOOD_SHOWN);
  const more = flood.more > 0 ? `…and ${flood.more} more` : '';
  return {
    subject: subject(flood.title),
    text: `${[flood.title, '', ...flood.lines.map(alertText), more].join('\n\n')}\n\n${flood.link.label}: ${flood.link.url}\n`,
    html: `<!doctype html><html><body><h1 style="font-size:18px">${escapeHtml(flood.title)}</h1>${flood.lines.map(alertHtml).join('<hr>')}${more ? `<p>${more}</p>` : ''}${linkHtml(flood.link)}</body></html>`,
  };
}
