import { Link } from '../components/Link.js';
import type { TextKey } from '../i18n/en.js';
import { t } from '../i18n/i18n.js';
import { type Route, routePath, type ViewName } from '../state/route.js';

const ITEMS: readonly { view: ViewName; text: TextKey }[] = [
  { view: 'overview', text: 'nav.overview' },
  { view: 'stores', text: 'nav.stores' },
  { view: 'emotions', text: 'nav.emotions' },
  { view: 'comments', text: 'nav.comments' },
  { view: 'money', text: 'nav.money' },
  { view: 'reach', text: 'nav.reach' },
  { view: 'cases', text: 'nav.cases' },
];

/** The views, keeping the current filters when switching (the query travels with the link). */
export function Nav(props: { route: Route; search: string }) {
  const active = props.route.view === 'store' ? 'stores' : props.route.view;
  return (
    <nav class="nav" aria-label={t('mainNav')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.view}>
            <Link
              href={routePath({ view: item.view }) + props.search}
              current={active === item.view}
            >
              {t(item.text)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
