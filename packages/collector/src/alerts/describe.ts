import type { AlertType, OutboxMessage } from '../store/outbox-types.js';
import { type AlertData, isCaseAlert, isDigest, type ResponseSnapshot } from './alert-data.js';

/** Where links in alerts point: the collector's public base URL, when the config names one. */
export interface LinkBase {
  publicUrl: string | undefined;
}

/**
 * An alert as words, before any format: every string here is raw (may hold respondent text) and each
 * format escapes it its own way. `title` is one line.
 */
export interface AlertText {
  title: string;
  facts: Array<[label: string, value: string]>;
  /** The customer's comment, if any. */
  quote: string | null;
  link: { label: string; url: string } | null;
}

const LABEL: Readonly<Record<AlertType, string>> = {
  detractor: 'Detractor',
  answer: 'NPS answer',
  followup: 'Follow-up',
  answer_changed: 'Changed answer',
  case_opened: 'New case',
  case_overdue: 'Case overdue',
  digest: 'Digest',
};

/** A path on the collector, absolute when `publicUrl` is configured. */
export function linkTo(base: LinkBase, path: string): string {
  return base.publicUrl ? `${base.publicUrl.replace(/\/$/, '')}${path}` : path;
}

/** The dashboard page of one case (served by the collector at /dashboard/). */
export const casePath = (caseId: string) => `/dashboard/cases/${encodeURIComponent(caseId)}`;

function responseFacts(response: ResponseSnapshot): AlertText['facts'] {
  const facts: AlertText['facts'] = [];
  const unit = response.context.unit;
  if (unit !== undefined) facts.push(['Store', String(unit)]);
  if (response.context.touchpoint !== undefined) {
    facts.push(['Touchpoint', String(response.context.touchpoint)]);
  }
  facts.push(['Survey', response.surveyId]);
  facts.push(['Customer', response.customerId ?? 'anonymous']);
  if (response.emotion !== null) facts.push(['Emotion', response.emotion]);
  if (response.context.orderId !== undefined) {
    const value = response.context.orderValue;
    const currency = response.context.currency;
    facts.push([
      'Order',
      `${response.context.orderId}${value === undefined ? '' : ` (${value}${currency === undefined ? '' : ` ${currency}`})`}`,
    ]);
  }
  return facts;
}

/** The words of one alert. */
export function describeAlert(message: OutboxMessage, base: LinkBase): AlertText {
  const data = message.data as unknown as AlertData;
  if (isDigest(data)) {
    const { digest } = data;
    const facts: AlertText['facts'] = digest.stores.map((store) => [
      `${store.unit ?? 'All stores'} · ${store.surveyId}`,
      store.n === 0
        ? 'no answers'
        : `NPS ${store.nps === null ? '–' : Math.round(store.nps)} (n = ${store.n})`,
    ]);
    facts.push(['New cases', String(digest.newCases)]);
    facts.push(['Overdue cases', String(digest.overdue.length + digest.moreOverdue)]);
    return {
      title: `${digest.kind === 'daily' ? 'Daily' : 'Weekly'} digest for ${digest.owner.name}: ${digest.label}`,
      facts,
      quote: null,
      link: { label: 'Open the dashboard', url: linkTo(base, '/dashboard/') },
    };
  }
  if (isCaseAlert(data)) {
    const facts: AlertText['facts'] = [];
    if (data.owner) facts.push(['Owner', data.owner.name]);
    if (data.case.unit !== null) facts.push(['Store', data.case.unit]);
    facts.push(['Survey', data.case.surveyId]);
    if (data.response?.customerId) facts.push(['Customer', data.response.customerId]);
    if (data.response?.emotion) facts.push(['Emotion', data.response.emotion]);
    facts.push(['Contact due', data.case.dueAt]);
    return {
      title:
        data.type === 'case_opened'
          ? `${LABEL.case_opened}${data.owner ? ` for ${data.owner.name}` : ''}: ${data.case.score}/10 (${data.case.category}) — ${data.siteName}`
          : `${LABEL.case_overdue}: ${data.case.score}/10 not contacted by ${data.case.dueAt} — ${data.siteName}`,
      facts,
      quote: data.response?.comment ?? null,
      link: { label: 'Open the case', url: linkTo(base, casePath(data.case.caseId)) },
    };
  }
  const { response } = data;
  const score =
    data.previousScore !== undefined
      ? `${data.previousScore} → ${response.score}/10`
      : `${response.score}/10`;
  return {
    title: `${LABEL[data.type]}: ${score} (${response.category}) — ${data.siteName}`,
    facts: responseFacts(response),
    quote: response.comment,
    link: data.caseId
      ? { label: 'Open the case', url: linkTo(base, casePath(data.caseId)) }
      : {
          label: 'Open the response',
          url: linkTo(base, `/v1/responses?response=${encodeURIComponent(response.responseId)}`),
        },
  };
}

/** The words of a flood summarised in one message (chat and e-mail formats). */
export function describeFlood(
  messages: readonly OutboxMessage[],
  base: LinkBase,
  shown: number,
): { title: string; lines: AlertText[]; more: number; link: { label: string; url: string } } {
  return {
    title: `${messages.length} new alerts`,
    lines: messages.slice(0, shown).map((message) => describeAlert(message, base)),
    more: Math.max(0, messages.length - shown),
    link: { label: 'Open the cases', url: linkTo(base, '/dashboard/cases') },
  };
}
