import { useEffect, useRef, useState } from 'preact/hooks';
import { setUnauthorizedHandler } from '../api/client.js';
import { currentSession, type Session } from '../api/session.js';
import { t, useLocale } from '../i18n/i18n.js';
import { filtersToSearch, parseFilters } from '../state/filters.js';
import { startLive, stopLive } from '../state/live.js';
import { useLocation } from '../state/location.js';
import { parseRoute, type Route } from '../state/route.js';
import { useView } from '../state/use-view.js';
import { Cases } from '../views/Cases.js';
import { Comments } from '../views/Comments.js';
import { Emotions } from '../views/Emotions.js';
import { Money } from '../views/Money.js';
import { Overview } from '../views/Overview.js';
import { Reach } from '../views/Reach.js';
import { StorePage } from '../views/StorePage.js';
import { Stores } from '../views/Stores.js';
import { FilterBar } from './FilterBar.js';
import { Header } from './Header.js';
import { Login } from './Login.js';
import { Nav } from './Nav.js';
import { NotInAccess } from './NotInAccess.js';
import { maySeeSurvey, maySeeUnit, SessionContext } from './session-context.js';

type Gate = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: Session };

/** The dashboard: checks for a session, shows the login or the views. */
export function App() {
  useLocale();
  const [gate, setGate] = useState<Gate>({ state: 'checking' });
  useEffect(() => {
    setUnauthorizedHandler(() => setGate({ state: 'out' }));
    currentSession().then(
      (session) => setGate(session ? { state: 'in', session } : { state: 'out' }),
      () => setGate({ state: 'out' }),
    );
  }, []);
  useEffect(() => {
    if (gate.state !== 'in') return;
    return startLive();
  }, [gate.state]);

  if (gate.state === 'checking') {
    return (
      <p class="state" role="status">
        {t('state.loading', { what: t('appName') })}
      </p>
    );
  }
  if (gate.state === 'out') {
    return <Login onLogin={(session) => setGate({ state: 'in', session })} />;
  }
  return (
    <SessionContext.Provider value={gate.session}>
      <Shell
        session={gate.session}
        onLogout={() => {
          stopLive();
          setGate({ state: 'out' });
        }}
      />
    </SessionContext.Provider>
  );
}

/** What the URL asks for that the key may not see, if anything (checked before any request). */
function outOfScope(session: Session, route: Route, url: URL): string | undefined {
  const filters = parseFilters(url.searchParams);
  const unit = route.view === 'store' ? route.unit : filters.unit;
  if (unit !== undefined && !maySeeUnit(session, unit)) return unit;
  if (filters.survey !== undefined && !maySeeSurvey(session, filters.survey)) return filters.survey;
  return undefined;
}

function Shell(props: { session: Session; onLogout: () => void }) {
  const url = useLocation();
  const route = parseRoute(url.pathname);
  const view = useView(route.view === 'store' && route.unit ? { unit: route.unit } : {});
  const denied = outOfScope(props.session, route, url);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const title = routeTitle(route);

  useEffect(() => {
    document.title = `${title} · npskit`;
    // After an in-app navigation, move focus to the new view's heading so screen readers announce it.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [url.pathname, title]);

  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <Header session={props.session} onLogout={props.onLogout} />
      <Nav route={route} search={filtersToSearch(parseFilters(url.searchParams))} />
      {denied === undefined && route.view !== 'cases' && route.view !== 'not-found' ? (
        <FilterBar view={view} fixedUnit={route.view === 'store' ? route.unit : undefined} />
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        {denied !== undefined ? (
          <NotInAccess session={props.session} what={denied} />
        ) : (
          <RouteView route={route} />
        )}
      </main>
    </div>
  );
}

function routeTitle(route: Route): string {
  switch (route.view) {
    case 'store':
      return t('store.title', { name: route.unit ?? '' });
    case 'not-found':
      return t('notFound.title');
    default:
      return t(`nav.${route.view}`);
  }
}

function RouteView(props: { route: Route }) {
  const { route } = props;
  switch (route.view) {
    case 'overview':
      return <Overview />;
    case 'stores':
      return <Stores />;
    case 'store':
      return <StorePage unit={route.unit ?? ''} />;
    case 'emotions':
      return <Emotions />;
    case 'comments':
      return <Comments />;
    case 'money':
      return <Money />;
    case 'reach':
      return <Reach />;
    case 'cases':
      return <Cases caseId={route.caseId} />;
    default:
      return (
        <div class="view">
          <h1 id="view-title">{t('notFound.title')}</h1>
          <p>{t('notFound.body')}</p>
        </div>
      );
  }
}
