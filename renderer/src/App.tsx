import { useEffect, type ComponentType } from 'react';
import { effectiveTheme, navigate, routeFromHash, routesFor, useAppStore, type Route } from './store/app-store';
import { updatePreferences } from './store/bridge';
import { StatusBar } from './components/StatusBar';
import { VaultBanner } from './components/VaultBanner';
import { BoardScreen } from './features/board/BoardScreen';
import { JourneyScreen } from './features/journey/JourneyScreen';
import { ConfigScreen } from './features/config/ConfigScreen';
import { ConnectionsScreen } from './features/connections/ConnectionsScreen';
import { PendingScreen } from './features/pending/PendingScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { PendingCountBadge } from './features/pending/PendingCountBadge';
import { WallboardScreen } from './features/board/Wallboard';
import { LeavePrompt } from './components/LeavePrompt';
import { Toasts } from './components/Toasts';
import { leaveIfAllowed } from './store/unsaved-guard';
import { useT } from './i18n/i18n';

const SCREENS: Record<Exclude<Route, 'wallboard'>, ComponentType> = {
  board: BoardScreen,
  journey: JourneyScreen,
  config: ConfigScreen,
  connections: ConnectionsScreen,
  pending: PendingScreen,
  history: HistoryScreen,
};

export function App() {
  const t = useT();
  const route = useAppStore((s) => s.route);
  const info = useAppStore((s) => s.info);
  const theme = useAppStore((s) => s.preferences?.theme);
  const resolvedTheme = effectiveTheme(theme);
  const systems = useAppStore((s) => s.info?.systems ?? null);
  const routes = routesFor(systems);
  // A screen the active profile has no use for (an old address, a profile switch) opens the board instead.
  const offered = route === 'wallboard' || routes.some((entry) => entry.route === route);
  useEffect(() => {
    if (!offered) navigate('board');
  }, [offered]);

  useEffect(() => {
    document.documentElement.dataset.theme = resolvedTheme;
  }, [resolvedTheme]);

  useEffect(() => {
    // Leaving a screen with unsaved edits asks first; "Keep editing" puts the address back.
    const onHash = () => {
      const current = useAppStore.getState().route;
      const next = routeFromHash();
      if (next === current) return;
      leaveIfAllowed(
        () => navigate(next),
        () => window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${current}`),
      );
    };
    // Alt+1..6 jumps between screens from anywhere.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = routesFor(useAppStore.getState().info?.systems ?? null).find((r) => r.shortcut === event.key);
      if (target) {
        event.preventDefault();
        leaveIfAllowed(() => navigate(target.route));
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    // The address may have changed between the first render and this effect.
    onHash();
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // The wallboard is for a TV: the whole window, no navigation.
  if (route === 'wallboard') return <WallboardScreen />;
  const Screen = SCREENS[offered ? route : 'board'];
  return (
    <div className="app-frame">
      <a className="skip-link" href="#main">
        {t('frame.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◧
          </span>
          {t('frame.brand')}
          {info?.profileName ? (
            <span className="profile-name" translate="no">
              {info.profileName}
            </span>
          ) : null}
          {info?.demo ? <span className="badge">{t('frame.demoLab')}</span> : null}
        </div>
        <button
          type="button"
          className="theme-toggle"
          onClick={() => void updatePreferences({ theme: resolvedTheme === 'dark' ? 'light' : 'dark' })}
          aria-label={resolvedTheme === 'dark' ? t('frame.theme.toLight') : t('frame.theme.toDark')}
        >
          <span aria-hidden="true">{resolvedTheme === 'dark' ? '☀' : '☾'}</span> {resolvedTheme === 'dark' ? t('frame.theme.light') : t('frame.theme.dark')}
        </button>
      </header>
      <nav className="app-nav" aria-label={t('frame.nav.label')}>
        <ul>
          {routes.map((entry) => (
            <li key={entry.route}>
              <a
                href={`#/${entry.route}`}
                aria-current={route === entry.route ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${entry.shortcut}`}
                onClick={(event) => {
                  event.preventDefault();
                  if (entry.route !== route) leaveIfAllowed(() => navigate(entry.route));
                }}
              >
                {t(entry.labelId)}
                {entry.route === 'pending' ? <PendingCountBadge /> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <VaultBanner />
        <Screen />
      </main>
      <footer className="app-footer">
        <StatusBar />
      </footer>
      <LeavePrompt />
      <Toasts />
    </div>
  );
}
