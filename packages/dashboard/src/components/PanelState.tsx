import { ApiError, isUnsupported } from '../api/client.js';
import { t } from '../i18n/i18n.js';

/** "Loading …" that assistive technology announces politely. */
export function Loading(props: { what: string }) {
  return (
    <p class="state state-loading" role="status">
      {t('state.loading', { what: props.what })}
    </p>
  );
}

/** An error with the reason and a retry button; "not offered yet" for an older collector. */
export function PanelError(props: { what: string; error: unknown; retry?: () => void }) {
  if (isUnsupported(props.error)) {
    return (
      <p class="state state-unsupported" role="status">
        {t('state.unsupported', { what: props.what })}
      </p>
    );
  }
  const reason =
    props.error instanceof ApiError
      ? `${props.error.status} ${props.error.code}`
      : String((props.error as Error)?.message ?? props.error);
  return (
    <div class="state state-error" role="alert">
      <p>{t('state.error', { what: props.what, reason })}</p>
      {props.retry ? (
        <button type="button" onClick={props.retry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Nothing to show for these filters. */
export function Empty() {
  return <p class="state state-empty">{t('state.empty')}</p>;
}
