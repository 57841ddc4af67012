import { fetchCaseOptions } from '../api/cases.js';
import { ApiError } from '../api/client.js';
import { Loading, PanelError } from '../components/PanelState.js';
import { t } from '../i18n/i18n.js';
import { useData } from '../state/use-data.js';
import { CaseDetailView } from './cases/CaseDetailView.js';
import { CaseInbox } from './cases/CaseInbox.js';

/**
 * The cases view (issue 11): the inbox at `/dashboard/cases`, one case at `/dashboard/cases/<id>`.
 * The configured root causes and owners come first (`/v1/cases/options`); a collector without
 * cases says so instead of showing an empty inbox.
 */
export function Cases(props: { caseId?: string | undefined }) {
  const options = useData('case-options', (signal) => fetchCaseOptions(signal), { live: false });
  if (options.status === 'loading') {
    return (
      <div class="view">
        <h1 id="view-title">{t('cases.title')}</h1>
        <Loading what={t('cases.title')} />
      </div>
    );
  }
  if (options.status === 'error') {
    const off = options.error instanceof ApiError && options.error.status === 404;
    return (
      <div class="view">
        <h1 id="view-title">{t('cases.title')}</h1>
        {off ? (
          <p class="state" data-testid="cases-off">
            {t('cases.off')}
          </p>
        ) : (
          <PanelError what={t('cases.title')} error={options.error} retry={options.reload} />
        )}
      </div>
    );
  }
  return props.caseId ? (
    <CaseDetailView caseId={props.caseId} options={options.data} />
  ) : (
    <CaseInbox options={options.data} />
  );
}
