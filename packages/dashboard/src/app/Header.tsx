import { logout, type Session } from '../api/session.js';
import { formatTime } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { useLiveStatus } from '../state/live.js';
import { describeScope } from './NotInAccess.js';
import { Settings } from './Settings.js';

/** Who is logged in, what they may see, live status, language, theme and logout. */
export function Header(props: { session: Session; onLogout: () => void }) {
  const live = useLiveStatus();
  return (
    <header class="header">
      <span class="brand">{t('appName')}</span>
      <p class="who">
        <span>{t('session.signedInAs', { name: props.session.name })}</span>{' '}
        <span class="scope">{t('session.scope', { scope: describeScope(props.session) })}</span>
      </p>
      <p class={`live live-${live.status}`} role="status" data-testid="live-status">
        <span class="live-dot" aria-hidden="true" />
        {live.status === 'live'
          ? t('live.on')
          : live.status === 'polling'
            ? t('live.off')
            : t('live.connecting')}{' '}
        <span class="live-time">{t('live.updated', { time: formatTime(live.lastUpdate) })}</span>
      </p>
      <Settings />
      <button
        type="button"
        class="logout"
        onClick={async () => {
          try {
            await logout();
          } finally {
            props.onLogout();
          }
        }}
      >
        {t('session.logout')}
      </button>
    </header>
  );
}
