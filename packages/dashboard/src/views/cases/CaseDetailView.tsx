import type { ComponentChild } from 'preact';
import { type CaseDetail, type CaseOptions, fetchCase } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../app/session-context.js';
import { Link } from '../../components/Link.js';
import { Loading, PanelError } from '../../components/PanelState.js';
import { actionLabel, rootCauseLabel, statusLabel } from '../../format/case-labels.js';
import { emotionLabel } from '../../format/emotion.js';
import { formatDateTime, formatMoney } from '../../format/numbers.js';
import { t } from '../../i18n/i18n.js';
import { useLocation } from '../../state/location.js';
import { routePath } from '../../state/route.js';
import { useData } from '../../state/use-data.js';
import { CaseActions } from './CaseActions.js';
import { CaseStatusBadges } from './CaseList.js';

const when = (iso: string | null) =>
  iso ? <time dateTime={iso}>{formatDateTime(new Date(iso))}</time> : '–';

/** The case's facts: where it stands, who has it, its deadline and outcome. */
function Facts(props: { detail: CaseDetail }) {
  const item = props.detail.case;
  const context = props.detail.response?.context ?? {};
  const order =
    typeof context.orderValue === 'number' && typeof context.currency === 'string'
      ? formatMoney(context.orderValue, context.currency)
      : undefined;
  const rows: [string, string, ComponentChild][] = [
    ['status', t('cases.status'), <CaseStatusBadges key="s" item={item} />],
    ['owner', t('cases.owner'), item.owner?.name ?? t('cases.unassigned')],
    ['opened', t('cases.opened'), when(item.openedAt)],
    ['due', t('cases.due'), when(item.dueAt)],
    ['contacted', t('case.contactedAt'), when(item.contactedAt)],
    ['closed', t('case.closedAt'), when(item.resolvedAt ?? item.closedAt)],
    ['rootCause', t('case.rootCause'), item.rootCause ? rootCauseLabel(item.rootCause) : '–'],
    [
      'customer',
      t('case.customer'),
      `${item.customerId ?? '–'}${item.verified ? ` (${t('case.verified')})` : ''}`,
    ],
    ['unit', t('filters.unit'), item.unit ?? t('cases.noStore')],
    ['touchpoint', t('filters.touchpoint'), item.touchpoint ?? '–'],
    ['employee', t('filters.employee'), String(context.employee ?? '–')],
    ['survey', t('filters.survey'), item.surveyId],
    [
      'order',
      t('case.order'),
      [context.orderId, order].filter((part) => part !== undefined && part !== null).join(' · ') ||
        '–',
    ],
  ];
  if (item.recovery.dueAt || item.recovery.score !== null) {
    rows.push([
      'recovery',
      t('case.recovery'),
      item.recovery.score === null
        ? t('case.recoveryDue', { date: formatDateTime(new Date(item.recovery.dueAt ?? '')) })
        : t(item.recovery.recovered ? 'case.recovered' : 'case.notRecovered', {
            score: item.recovery.score,
          }),
    ]);
  }
  return (
    <dl class="case-facts" data-testid="case-facts">
      {rows.map(([field, label, value]) => (
        <div key={field} data-fact={field}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Everything that happened to the case, oldest first, with who did it. */
function History(props: { detail: CaseDetail; options: CaseOptions }) {
  const owners = new Map(props.options.owners.map((owner) => [owner.id, owner.name]));
  return (
    <ol class="case-history" data-testid="case-history">
      {props.detail.history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} data-action={entry.action}>
          <p class="history-head">
            <strong>{actionLabel(entry.action)}</strong>{' '}
            {entry.fromStatus !== entry.toStatus && entry.toStatus ? (
              <span>→ {statusLabel(entry.toStatus)} </span>
            ) : null}
            {entry.action === 'assigned' && entry.ownerId ? (
              <span>→ {owners.get(entry.ownerId) ?? entry.ownerId} </span>
            ) : null}
            {entry.rootCause ? <span>({rootCauseLabel(entry.rootCause)}) </span> : null}
          </p>
          {entry.note ? <p class="history-note">{entry.note}</p> : null}
          <p class="history-meta">
            {when(entry.at)} · {entry.actor === 'npskit' ? t('case.bySystem') : entry.actor}
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * One case: what the customer said (score, emotion, comment, order), the case's facts, what a
 * caseworker can do next, and its history. A case outside the key's scope is "not found" — the
 * collector does not say whether it exists.
 */
export function CaseDetailView(props: { caseId: string; options: CaseOptions }) {
  const session = useSession();
  const url = useLocation();
  const data = useData(`case|${props.caseId}`, (signal) => fetchCase(props.caseId, signal));
  const back = (
    <p class="back">
      <Link href={routePath({ view: 'cases' }) + url.search}>← {t('case.back')}</Link>
    </p>
  );
  if (data.status === 'loading') {
    return (
      <div class="view">
        {back}
        <h1 id="view-title">{t('case.titleLoading')}</h1>
        <Loading what={t('case.titleLoading')} />
      </div>
    );
  }
  if (data.status === 'error') {
    const missing = data.error instanceof ApiError && data.error.status === 404;
    return (
      <div class="view">
        {back}
        <h1 id="view-title">{missing ? t('case.missing') : t('case.titleLoading')}</h1>
        {missing ? (
          <p data-testid="case-missing">{t('case.missingBody')}</p>
        ) : (
          <PanelError what={t('case.titleLoading')} error={data.error} retry={data.reload} />
        )}
      </div>
    );
  }
  const detail = data.data;
  const item = detail.case;
  const canAct = session.role === 'caseworker' || session.role === 'admin';
  return (
    <div class="view case-view" data-case={item.caseId}>
      {back}
      <h1 id="view-title">
        {t('case.title', { score: item.score, unit: item.unit ?? t('cases.noStore') })}
      </h1>
      <div class="case-grid">
        <section class="panel" aria-labelledby="case-said-title">
          <h2 id="case-said-title">{t('case.said')}</h2>
          <p class="case-score">
            <span class={`badge badge-${item.category}`}>
              {t('comments.score', { score: item.score })}
            </span>{' '}
            {item.emotion ? <span>{emotionLabel(item.emotion)}</span> : null}
          </p>
          {item.comment ? (
            <blockquote class="case-quote" data-testid="case-comment">
              {item.comment}
            </blockquote>
          ) : (
            <p class="state">{t('cases.noComment')}</p>
          )}
          <Facts detail={detail} />
        </section>
        <section class="panel" aria-labelledby="case-actions-title">
          <h2 id="case-actions-title">{t('case.actions')}</h2>
          {canAct ? (
            <CaseActions item={item} options={props.options} onChanged={data.reload} />
          ) : (
            <p class="state" data-testid="case-read-only">
              {t('case.readOnly')}
            </p>
          )}
        </section>
      </div>
      <section class="panel" aria-labelledby="case-history-title">
        <h2 id="case-history-title">{t('case.history')}</h2>
        <History detail={detail} options={props.options} />
      </section>
    </div>
  );
}
