import { create } from 'zustand';
import type { AppInfo, ConfiguredSystems } from '../../../shared/ipc/areas/app';
import type { ServerStatus } from '../../../shared/domain/status';
import type { Preferences, Theme } from '../../../shared/domain/preferences';

/** `wallboard` is full screen without the navigation, so it is not in ROUTES. */
export type Route = 'board' | 'journey' | 'config' | 'connections' | 'pending' | 'wallboard';

export const ROUTES: ReadonlyArray<{ route: Route; label: string; shortcut: string }> = [
  { route: 'board', label: 'Team board', shortcut: '1' },
  { route: 'journey', label: 'Call journey', shortcut: '2' },
  { route: 'config', label: 'Configuration', shortcut: '3' },
  { route: 'connections', label: 'Connections', shortcut: '4' },
  { route: 'pending', label: 'Pending changes', shortcut: '5' },
];

/**
 * The screens the navigation offers for a profile: the configuration editors
 * and the queue of pending changes only when the profile has a server to
 * write to (UCCX or Unity Connection). A team lead's profile, with only the
 * report server (and perhaps Finesse), gets the board, the call journey and
 * Connections (where profiles are switched and edited). Before any profile is
 * active, everything is offered.
 */
export function routesFor(systems: ConfiguredSystems | null): ReadonlyArray<(typeof ROUTES)[number]> {
  if (!systems) return ROUTES;
  const writable = systems.uccx || systems.cupi;
  return ROUTES.filter((entry) => writable || (entry.route !== 'config' && entry.route !== 'pending'));
}

/** Status-bar lines for servers the profile does not configure say nothing a team lead (or anyone) needs. */
export function statusConcernsProfile(id: string, systems: ConfiguredSystems | null): boolean {
  if (!systems) return true;
  const system = id.split(':')[0];
  if (system === 'uccx') return systems.uccx;
  if (system === 'cupi') return systems.cupi;
  if (system === 'finesse') return systems.finesse;
  if (system === 'reports') return systems.reports;
  return true;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

interface AppState {
  info: AppInfo | null;
  statuses: ServerStatus[];
  preferences: Preferences | null;
  route: Route;
  notices: Notice[];
  /** The page lost its connection to the console host (browser host only). */
  hostDisconnected: boolean;
}

export const useAppStore = create<AppState>()(() => ({
  info: null,
  statuses: [],
  preferences: null,
  route: routeFromHash(),
  notices: [],
  hostDisconnected: false,
}));

export function routeFromHash(): Route {
  // A route may carry settings after '?' (`#/wallboard?csqs=…`).
  const hash = typeof window === 'undefined' ? '' : window.location.hash.replace(/^#\/?/, '').split('?')[0]!;
  if (hash === 'wallboard') return 'wallboard';
  return (ROUTES.find((r) => r.route === hash)?.route ?? 'board') as Route;
}

export function navigate(route: Route): void {
  // The same route with settings keeps them.
  if (typeof window !== 'undefined' && window.location.hash.split('?')[0] !== `#/${route}`) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${route}`);
  }
  useAppStore.setState({ route });
}

let noticeId = 1;
export function pushNotice(level: Notice['level'], message: string): void {
  const notice = { id: noticeId++, level, message };
  useAppStore.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }));
}

export function dismissNotice(id: number): void {
  useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function effectiveTheme(theme: Theme | undefined): 'light' | 'dark' {
  if (theme === 'light' || theme === 'dark') return theme;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
