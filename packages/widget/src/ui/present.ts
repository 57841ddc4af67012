import type { HistoryEntry } from '@npskit/core';
import type { NpsEvent } from '@npskit/core/schema';
import { askCollector } from '../decide/remote-eligibility.js';
import { MAX_COMMENT } from '../delivery/limits.js';
import { cleanContext } from '../runtime/context.js';
import { emit } from '../runtime/emitter.js';
import { resolveLocale } from '../runtime/locale.js';
import { respondentOf } from '../runtime/session.js';
import { addHistory } from '../state/history.js';
import { pageUrl } from '../util/page.js';
import { safe } from '../util/safe.js';
import { uuid } from '../util/uuid.js';
import type { PresentArgs, UiHandle } from './contract.js';
import { mount } from './mount.js';

/**
 * Shows one survey and turns what the customer does into events: `display` now, `answer` the moment a
 * score is tapped (again when it is changed: the collector keeps the newest), `followup` the moment
 * an emotion is picked and with the comment, `dismiss` on close before answering (after a score the
 * response is complete, so closing is not a dismissal). For an identified customer it first asks the
 * collector, which knows their other devices and reserves the display (its response id is then used).
 * Lives in the UI chunk because only visitors who are about to see a survey need any of it.
 */
export async function present(args: PresentArgs): Promise<unknown> {
  const { env, s, survey, orderId } = args;
  const { config, now } = env;
  const respondent = () => respondentOf(s, env.customerId());
  let responseId = uuid();
  if (env.customerId()) {
    const remote = await askCollector(env.fetch, `${config.collector}/v1/eligibility`, {
      site: config.site,
      surveyId: survey.id,
      respondent: respondent(),
      orderId,
      signed: env.signed(),
    });
    if (remote?.show === false) return;
    responseId = remote?.responseId ?? responseId;
  }
  if (!args.mine()) return;
  const locale = resolveLocale(survey, config.locale, document.documentElement.lang || undefined);
  const context = cleanContext({ ...args.context, locale, page: pageUrl(location.href) });
  const detail = { surveyId: survey.id, responseId };
  const writes: Promise<unknown>[] = [];
  let answered = false;
  const remember = (type: HistoryEntry['type']) =>
    writes.push(
      addHistory(s.kv, { surveyId: survey.id, type, at: now(), orderId } as HistoryEntry),
    );
  const send = (fields: Partial<NpsEvent> & Pick<NpsEvent, 'type'>) =>
    writes.push(
      s.delivery.enqueue([
        {
          id: uuid(),
          surveyId: survey.id,
          responseId,
          at: new Date(now()).toISOString(),
          respondent: respondent(),
          context,
          // Undefined without tokens: left out when the batch is serialised.
          signed: env.signed(),
          ...fields,
        } as NpsEvent,
      ]),
    );

  remember('display');
  send({ type: 'display' });
  const handle: UiHandle = mount({
    survey,
    locale,
    nonce: config.nonce,
    identified: !!env.customerId(),
    onAnswer: safe((score: number) => {
      if (!answered) remember('answer');
      answered = true;
      send({ type: 'answer', score });
      emit(env.listeners, 'answered', { ...detail, score });
    }),
    onFollowup: safe(({ emotion, comment }) => {
      const text = comment?.trim().slice(0, MAX_COMMENT);
      if (!emotion && !text) return;
      send({
        type: 'followup',
        ...(emotion ? { emotion } : {}),
        ...(text ? { comment: text } : {}),
      });
    }),
    onDismiss: safe(() => {
      if (answered) return;
      remember('dismiss');
      send({ type: 'dismiss' });
      emit(env.listeners, 'dismissed', detail);
    }),
    onClose: safe(() => args.onClose(handle)),
  });
  args.shown(handle);
  emit(env.listeners, 'displayed', detail);
  return Promise.all(writes);
}
