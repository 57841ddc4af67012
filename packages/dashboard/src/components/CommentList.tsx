import { type CommentQuery, fetchComments, type ResponseItem } from '../api/responses.js';
import { emotionLabel } from '../format/emotion.js';
import { formatCount, formatDateTime, formatMoney } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { routePath } from '../state/route.js';
import { usePages } from '../state/use-pages.js';
import type { ViewState } from '../state/use-view.js';
import { Link } from './Link.js';
import { Loading, PanelError } from './PanelState.js';
import { ShowMore } from './ShowMore.js';

function Comment(props: { item: ResponseItem }) {
  const { item } = props;
  const when = new Date(item.answeredAt ?? item.at);
  return (
    <li class={`comment comment-${item.category ?? 'none'}`} data-response={item.responseId}>
      <blockquote>{item.comment}</blockquote>
      <p class="comment-meta">
        <span class={`badge badge-${item.category ?? 'none'}`}>
          {t('comments.score', { score: item.score ?? '–' })}
        </span>
        {item.emotion ? <span>{emotionLabel(item.emotion)}</span> : null}
        {item.context.unit ? <span>{item.context.unit}</span> : null}
        {item.context.employee ? <span>{item.context.employee}</span> : null}
        {item.context.orderValue != null && item.context.currency ? (
          <span>
            {t('comments.order', {
              value: formatMoney(item.context.orderValue, item.context.currency),
            })}
          </span>
        ) : null}
        {item.verified ? <span>{t('comments.verified')}</span> : null}
        <time dateTime={when.toISOString()}>{formatDateTime(when)}</time>
        {item.caseId ? (
          <Link href={routePath({ view: 'cases', caseId: item.caseId })}>{t('comments.case')}</Link>
        ) : null}
      </p>
    </li>
  );
}

/**
 * The latest comments for a view's filters, newest first; "show more" asks the collector for the
 * next page (its cursor), so the browser holds only what it shows.
 */
export function CommentList(props: { view: ViewState; query: CommentQuery }) {
  const { view, query } = props;
  const key = `comments|${JSON.stringify(query)}|${view.key}`;
  const { first, items, next, busy, loadMore } = usePages(key, async (cursor, signal) => {
    const page = await fetchComments(view.filters, view.range, { ...query, cursor }, signal);
    return { items: page.items, nextCursor: page.nextCursor };
  });

  if (first.status === 'loading') return <Loading what={t('comments.title')} />;
  if (first.status === 'error') {
    return <PanelError what={t('comments.title')} error={first.error} retry={first.reload} />;
  }
  if (items.length === 0) {
    return (
      <p class="state state-empty" data-testid="comments-empty">
        {t('comments.none')}
      </p>
    );
  }
  return (
    <div class="comments">
      <p class="comment-count" role="status">
        {t('comments.count', { n: formatCount(items.length) })}
      </p>
      <ul class="comment-list">
        {items.map((item) => (
          <Comment key={item.responseId} item={item} />
        ))}
      </ul>
      <ShowMore next={next} busy={busy} onMore={loadMore} />
    </div>
  );
}
