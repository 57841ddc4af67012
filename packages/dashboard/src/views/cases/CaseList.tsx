import { type CaseItem, fetchCases } from '../../api/cases.js';
import { Link } from '../../components/Link.js';
import { Loading, PanelError } from '../../components/PanelState.js';
import { ShowMore } from '../../components/ShowMore.js';
import { statusLabel } from '../../format/case-labels.js';
import { formatCount, formatDateTime } from '../../format/numbers.js';
import { t } from '../../i18n/i18n.js';
import { type CaseFilters, caseFiltersToSearch, caseListParams } from '../../state/case-filters.js';
import { routePath } from '../../state/route.js';
import { usePages } from '../../state/use-pages.js';

const PAGE = 50;
const SNIPPET = 140;

/** A comment cut to a readable length (the case page shows it whole). */
function snippet(comment: string | null): string {
  if (!comment) return '';
  return comment.length > SNIPPET ? `${comment.slice(0, SNIPPET - 1)}…` : comment;
}

/** The status, and "overdue" when the first contact is late. */
export function CaseStatusBadges(props: { item: Pick<CaseItem, 'status' | 'overdue'> }) {
  return (
    <>
      <span class={`badge case-status case-${props.item.status}`} data-field="status">
        {statusLabel(props.item.status)}
      </span>
      {props.item.overdue ? (
        <span class="badge case-overdue" data-field="overdue">
          {t('cases.overdue')}
        </span>
      ) : null}
    </>
  );
}

function Row(props: { item: CaseItem; search: string }) {
  const { item } = props;
  const opened = new Date(item.openedAt);
  const due = new Date(item.dueAt);
  return (
    <tr data-case={item.caseId} class={item.overdue ? 'row-overdue' : undefined}>
      <th scope="row" data-label={t('cases.opened')}>
        <Link
          href={routePath({ view: 'cases', caseId: item.caseId }) + props.search}
          label={t('cases.openCase', {
            date: formatDateTime(opened),
            unit: item.unit ?? t('cases.noStore'),
            score: item.score,
          })}
        >
          {formatDateTime(opened)}
        </Link>
      </th>
      <td data-label={t('filters.unit')}>{item.unit ?? t('cases.noStore')}</td>
      <td data-label={t('cases.score')}>
        <span class={`badge badge-${item.category}`}>{item.score}</span>
      </td>
      <td data-label={t('cases.comment')} class="case-comment">
        {snippet(item.comment) || <span class="state">{t('cases.noComment')}</span>}
      </td>
      <td data-label={t('cases.owner')}>{item.owner?.name ?? t('cases.unassigned')}</td>
      <td data-label={t('cases.status')}>
        <CaseStatusBadges item={item} />
      </td>
      <td data-label={t('cases.due')}>
        {item.status === 'open' ? (
          <time dateTime={due.toISOString()}>{formatDateTime(due)}</time>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}

/**
 * The inbox: the key's cases for the filters, newest first, 50 at a time ("show more" asks for the
 * next page). Refreshed live: a new detractor's case appears without a reload.
 */
export function CaseList(props: { filters: CaseFilters }) {
  const search = caseFiltersToSearch(props.filters);
  const key = `cases|${search}|${new Date().toDateString()}`;
  const { first, items, next, busy, loadMore } = usePages(key, async (cursor, signal) => {
    const params = { ...caseListParams(props.filters, new Date()), limit: PAGE, cursor };
    const page = await fetchCases(params, signal);
    return { items: page.cases, nextCursor: page.nextCursor };
  });

  if (first.status === 'loading') return <Loading what={t('cases.inbox')} />;
  if (first.status === 'error') {
    return <PanelError what={t('cases.inbox')} error={first.error} retry={first.reload} />;
  }
  if (items.length === 0) {
    return (
      <p class="state state-empty" data-testid="cases-empty">
        {t('cases.none')}
      </p>
    );
  }
  return (
    <div class="cases">
      <p class="case-count" role="status">
        {t('cases.count', { n: formatCount(items.length) })}
      </p>
      <div class="table-scroll">
        <table class="case-table" data-testid="case-table">
          <caption class="visually-hidden">{t('cases.inbox')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.opened')}</th>
              <th scope="col">{t('filters.unit')}</th>
              <th scope="col">{t('cases.score')}</th>
              <th scope="col">{t('cases.comment')}</th>
              <th scope="col">{t('cases.owner')}</th>
              <th scope="col">{t('cases.status')}</th>
              <th scope="col">{t('cases.due')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <Row key={item.caseId} item={item} search={search} />
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore next={next} busy={busy} onMore={loadMore} />
    </div>
  );
}
