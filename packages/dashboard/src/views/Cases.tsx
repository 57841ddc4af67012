import { t } from '../i18n/i18n.js';

/**
 * The cases inbox (issue 11) lives here: its route (`/dashboard/cases`, `/dashboard/cases/<id>`) and
 * navigation entry exist so comments can link to a case; the inbox itself comes with the cases API.
 */
export function Cases(props: { caseId?: string | undefined }) {
  return (
    <div class="view">
      <h1 id="view-title">{t('cases.title')}</h1>
      <p class="state" data-case={props.caseId}>
        {t('cases.soon')}
      </p>
    </div>
  );
}
