import { t } from '../i18n/i18n.js';

/** "Show more" under a paged list, while the collector has a next page. */
export function ShowMore(props: { next: string | null; busy: boolean; onMore: () => void }) {
  if (!props.next) return null;
  return (
    <button type="button" disabled={props.busy} onClick={props.onMore}>
      {t('comments.more')}
    </button>
  );
}
