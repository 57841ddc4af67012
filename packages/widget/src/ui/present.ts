import type { NpsEvent } from '@npskit/core/schema';
import { MAX_COMMENT } from '../delivery/limits.js';
import { cleanContext } from '../runtime/context.js';
import { resolveLocale } from '../runtime/locale.js';
import { pageUrl } from '../util/page.js';
import { safe } from '../util/safe.js';
import { uuid } from '../util/uuid.js';
import type { PresentArgs, UiHandle } from './contract.js';
import { mount } from './mount.js';

/**
 * Shows one survey and turns what the customer does into events: `display` now, `answer` the moment a
 * score is tapped (again when it is changed: the collector keeps the newest), `followup` the moment
 * an emotion is picked and with the comment, `dismiss` on close before answering (after a score the
 * response is complete, so closing is not a dismissal). Lives in the UI chunk because only visitors
 * who see a survey need it.
 */
export function present(args: PresentArgs): UiHandle {
  const { survey, responseId } = args;
  const locale = resolveLocale(survey, args.locale, document.documentElement.lang || undefined);
  const context = cleanContext({ ...args.context, locale, page: pageUrl(location.href) });
  const detail = { surveyId: survey.id, responseId };
  let answered = false;
  const send = (fields: Partial<NpsEvent> & Pick<NpsEvent, 'type'>) =>
    args.send({
      id: uuid(),
      surveyId: survey.id,
      responseId,
      at: new Date(args.now()).toISOString(),
      respondent: args.respondent(),
      context,
      ...fields,
    } as NpsEvent);

  args.remember('display');
  send({ type: 'display' });
  const handle = mount({
    survey,
    locale,
    nonce: args.nonce,
    identified: !!args.respondent().customerId,
    onAnswer: safe((score: number) => {
      if (!answered) args.remember('answer');
      answered = true;
      send({ type: 'answer', score });
      args.emit('answered', { ...detail, score });
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
      args.remember('dismiss');
      send({ type: 'dismiss' });
      args.emit('dismissed', detail);
    }),
    onClose: safe(args.onClose),
  });
  args.emit('displayed', detail);
  return handle;
}
