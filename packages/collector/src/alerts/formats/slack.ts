import type { OutboxMessage } from '../../store/outbox-types.js';
import { type AlertText, describeAlert, describeFlood, type LinkBase } from '../describe.js';
import { escapeSlack, oneLine } from '../escape.js';

/** Slack's limit for one mrkdwn text object. */
const TEXT_LIMIT = 3000;
/** Alerts listed one by one in a flood message. */
const FLOOD_SHOWN = 10;

const mrkdwn = (text: string) => ({
  type: 'mrkdwn',
  // verbatim: no automatic linking of URLs or channel names, no parsing of mentions.
  verbatim: true,
  text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text,
});

const quote = (text: string) => `>${escapeSlack(text).replace(/\r?\n/g, '\n>')}`;

/** A button for an absolute link; Slack refuses relative URLs, so a path is shown as text. */
function linkBlock(link: AlertText['link']) {
  if (!link) return [];
  if (/^https?:\/\//.test(link.url)) {
    return [
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: link.label }, url: link.url },
        ],
      },
    ];
  }
  return [{ type: 'context', elements: [mrkdwn(`${link.label}: \`${escapeSlack(link.url)}\``)] }];
}

function alertBlocks(words: AlertText) {
  const blocks: unknown[] = [{ type: 'section', text: mrkdwn(`*${escapeSlack(words.title)}*`) }];
  if (words.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: words.facts
        .slice(0, 10)
        .map(([label, value]) => mrkdwn(`*${escapeSlack(label)}*\n${escapeSlack(value)}`)),
    });
  }
  if (words.quote) blocks.push({ type: 'section', text: mrkdwn(quote(words.quote)) });
  return blocks;
}

/**
 * A Slack incoming-webhook body (Block Kit). The fallback `text` (notifications, screen readers) is
 * only the title — never the customer's comment — and every respondent string is escaped for mrkdwn
 * and sent `verbatim`; link unfurling is off. Several alerts at once (a flood) become one message
 * listing the first ten.
 */
export function slackBody(
  messages: readonly OutboxMessage[],
  base: LinkBase,
): Record<string, unknown> {
  const first = messages[0];
  if (!first) throw new Error('slackBody needs at least one alert');
  if (messages.length === 1) {
    const words = describeAlert(first, base);
    return {
      text: escapeSlack(oneLine(words.title)),
      unfurl_links: false,
      unfurl_media: false,
      blocks: [...alertBlocks(words), ...linkBlock(words.link)],
    };
  }
  const flood = describeFlood(messages, base, FLOOD_SHOWN);
  const lines = flood.lines.map(
    (words) =>
      `• ${escapeSlack(oneLine(words.title))}${words.quote ? ` — “${escapeSlack(oneLine(words.quote)).slice(0, 140)}”` : ''}`,
  );
  if (flood.more > 0) lines.push(`…and ${flood.more} more`);
  return {
    text: escapeSlack(flood.title),
    unfurl_links: false,
    unfurl_media: false,
    blocks: [
      { type: 'section', text: mrkdwn(`*${escapeSlack(flood.title)}*`) },
      { type: 'section', text: mrkdwn(lines.join('\n')) },
      ...linkBlock(flood.link),
    ],
  };
}
