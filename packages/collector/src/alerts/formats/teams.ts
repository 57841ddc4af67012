import type { OutboxMessage } from '../../store/outbox-types.js';
import { type AlertText, describeAlert, describeFlood, type LinkBase } from '../describe.js';
import { escapeTeams, oneLine } from '../escape.js';

const FLOOD_SHOWN = 10;

/** Plain text: a TextRun never renders markdown, unlike a TextBlock. */
const run = (text: string, style: Record<string, unknown> = {}) => ({
  type: 'TextRun',
  text: escapeTeams(text),
  ...style,
});
const paragraph = (...inlines: unknown[]) => ({ type: 'RichTextBlock', inlines });

function alertBody(words: AlertText): unknown[] {
  const body: unknown[] = [paragraph(run(words.title, { weight: 'Bolder', size: 'Medium' }))];
  for (const [label, value] of words.facts) {
    body.push(paragraph(run(`${label}: `, { weight: 'Bolder' }), run(value)));
  }
  if (words.quote) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [paragraph(run(words.quote, { italic: true }))],
    });
  }
  return body;
}

function actions(link: AlertText['link']) {
  // Action.OpenUrl needs an absolute URL: a relative path is shown as text instead.
  if (!link) return { actions: [], extra: [] };
  if (/^https?:\/\//.test(link.url)) {
    return { actions: [{ type: 'Action.OpenUrl', title: link.label, url: link.url }], extra: [] };
  }
  return { actions: [], extra: [paragraph(run(`${link.label}: ${link.url}`, { isSubtle: true }))] };
}

/**
 * A Microsoft Teams workflow-webhook body: a message with one Adaptive Card (version 1.4). Every
 * string is a `TextRun` (plain text, no markdown) with links defanged, so a comment cannot become a
 * link or a mention. A flood becomes one card listing the first ten alerts.
 */
export function teamsBody(
  messages: readonly OutboxMessage[],
  base: LinkBase,
): Record<string, unknown> {
  const first = messages[0];
  if (!first) throw new Error('teamsBody needs at least one alert');
  let body: unknown[];
  let link: AlertText['link'];
  if (messages.length === 1) {
    const words = describeAlert(first, base);
    body = alertBody(words);
    link = words.link;
  } else {
    const flood = describeFlood(messages, base, FLOOD_SHOWN);
    body = [paragraph(run(flood.title, { weight: 'Bolder', size: 'Medium' }))];
    for (const words of flood.lines) {
      body.push(
        paragraph(
          run(`• ${oneLine(words.title)}`),
          ...(words.quote
            ? [run(` — “${oneLine(words.quote).slice(0, 140)}”`, { italic: true })]
            : []),
        ),
      );
    }
    if (flood.more > 0) body.push(paragraph(run(`…and ${flood.more} more`)));
    link = flood.link;
  }
  const links = actions(link);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [...body, ...links.extra],
          ...(links.actions.length > 0 ? { actions: links.actions } : {}),
        },
      },
    ],
  };
}
