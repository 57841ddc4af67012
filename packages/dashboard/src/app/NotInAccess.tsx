import type { Session } from '../api/session.js';
import { Link } from '../components/Link.js';
import { t } from '../i18n/i18n.js';
import { BASE } from '../state/location.js';

/** "Your key may see …" in words. */
export function describeScope(session: Session): string {
  const parts = [
    ...(session.scope.units ?? []),
    ...(session.scope.surveys ?? []),
    ...(session.scope.sites ?? []),
  ];
  return parts.length > 0 ? parts.join(', ') : t('session.scopeAll');
}

/** The clear page for a URL outside the key's scope: no numbers, no request for them. */
export function NotInAccess(props: { session: Session; what: string }) {
  return (
    <div class="view" data-testid="not-in-access">
      <h1 id="view-title">{t('access.title')}</h1>
      <p>{t('access.body', { scope: describeScope(props.session), what: props.what })}</p>
      <p>
        <Link href={BASE}>{t('access.back')}</Link>
      </p>
    </div>
  );
}
