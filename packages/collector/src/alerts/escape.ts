/**
 * Escaping of respondent text (comments, customer ids, context values) for each alert format, in one
 * place per format. The goal everywhere: what a customer typed shows as text — it never becomes a
 * link, a mention (`@channel`, `<!here>`), markup or a header.
 */

/** Zero-width joiner-like break that stops chat and mail clients from auto-linking. */
const WORD_JOINER = '\u2060';

/**
 * Breaks what link detectors look for (`scheme://`, `www.`, `@` in an address) with an invisible word
 * joiner, so a comment "visit evil.example/win or mail x@evil.example" reads the same but is no link.
 * Also used for @-mentions: "@channel" stays readable and pings nobody.
 */
export function defang(text: string): string {
  return text
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${WORD_JOINER}.`)
    .replace(/@/g, `@${WORD_JOINER}`)
    .replace(/\.(?=[a-z]{2,}\b)/gi, `${WORD_JOINER}.`);
}

/** Collapses line breaks and tabs to spaces (for one-line contexts such as Slack's fallback text). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029\u0085]+/g, ' ');
}

/**
 * Slack mrkdwn: `&`, `<` and `>` are the control characters (`<!channel>`, `<url|label>`) and are
 * escaped as Slack documents; the formatting characters (`*_~` and backticks) are neutralised with a
 * word joiner so a comment cannot bold, strike or code-format itself; then links are defanged. Used
 * with `verbatim: true` so Slack does no automatic parsing either.
 */
export function escapeSlack(text: string): string {
  return defang(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([*_~`])/g, `${WORD_JOINER}$1${WORD_JOINER}`),
  );
}

/**
 * Teams: respondent text goes into Adaptive Card `TextRun`s, which render plain text (no markdown),
 * so only links are defanged (Teams linkifies URLs in any text) and `<at>` mention tags, which Teams
 * resolves only with a matching entity, are broken for good measure.
 */
export function escapeTeams(text: string): string {
  return defang(text.replace(/</g, '<\u2060'));
}

/** HTML text and attribute values: `& < > " '`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** E-mail HTML: escaped, links defanged (mail clients linkify plain URLs too). */
export function escapeEmailHtml(text: string): string {
  return escapeHtml(defang(text));
}

/** E-mail plain text: links defanged, and nothing that could pass for a header line. */
export function escapeEmailText(text: string): string {
  return defang(text).replace(/\r\n?/g, '\n');
}
