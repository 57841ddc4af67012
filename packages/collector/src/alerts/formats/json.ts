import type { OutboxMessage } from '../../store/outbox-types.js';
import { type AlertData, isCaseAlert, isDigest, type ResponseSnapshot } from '../alert-data.js';
import { casePath, describeAlert, type LinkBase } from '../describe.js';
import { escapeSlack, oneLine } from '../escape.js';

/** The response fields of the generic JSON body (as the in-memory webhooks sent them). */
function responseFields(response: ResponseSnapshot) {
  return {
    siteKey: response.siteKey,
    surveyId: response.surveyId,
    surveyKind: response.surveyKind,
    responseId: response.responseId,
    score: response.score,
    category: response.category,
    emotion: response.emotion,
    comment: response.comment,
    respondent: { customerId: response.customerId },
    context: response.context,
    answeredAt: response.answeredAt,
    receivedAt: response.receivedAt,
    verified: response.verified,
  };
}

/**
 * The generic JSON body of one alert (see the README): `id` is the delivery id to dedupe on, `type`
 * what happened, `text` a one-line summary escaped for Slack-style markup (so posting the body to a
 * chat tool as is stays safe); the rest is data, unescaped — a machine receiver escapes for its own
 * output. Never holds the anonymous browser id or the client IP.
 */
export function jsonBody(message: OutboxMessage, base: LinkBase): Record<string, unknown> {
  const data = message.data as unknown as AlertData;
  const words = describeAlert(message, base);
  const text = escapeSlack(oneLine(`${words.title}${words.quote ? ` “${words.quote}”` : ''}`));
  const head = { id: message.id, type: message.type, text };
  if (isDigest(data)) {
    return { ...head, digest: data.digest, links: { dashboard: words.link?.url ?? null } };
  }
  if (isCaseAlert(data)) {
    return {
      ...head,
      site: data.siteName,
      case: data.case,
      owner: data.owner,
      response: data.response ? responseFields(data.response) : null,
      links: { case: words.link?.url ?? null, api: `/v1/cases/${data.case.caseId}` },
    };
  }
  const links: Record<string, string> = {
    responses: `/v1/responses?response=${encodeURIComponent(data.response.responseId)}`,
  };
  if (data.caseId !== null) links.case = casePath(data.caseId);
  return {
    ...head,
    eventId: data.eventId,
    site: data.siteName,
    ...responseFields(data.response),
    caseId: data.caseId,
    ...(data.previousScore !== undefined ? { previousScore: data.previousScore } : {}),
    links,
  };
}
