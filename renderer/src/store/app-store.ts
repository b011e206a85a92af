import { create } from 'zustand';
import type { AppInfo, ConfiguredSystems } from '../../../shared/ipc/areas/app';
import type { ServerStatus } from '../../../shared/domain/status';
import type { Preferences, Theme } from '../../../shared/domain/preferences';
import type { MessageId } from '../i18n/i18n';
import { NAVIGATION_SCREENS, type NavigationRoute } from '../../../shared/domain/screens';

/** `wallboard` is full screen without the navigation, so it is not in ROUTES. */
export type Route = NavigationRoute | 'wallboard';

/** Each screen of the navigation: its address, the message id of its name, its Alt+ shortcut (shared with the desktop shell's View menu). */
export const ROUTES: ReadonlyArray<{ route: Route; labelId: MessageId; shortcut: string }> = NAVIGATION_SCREENS;

/**
 * The screens the navigation offers for a profile: the configuration editors
 * and the queue of pending changes only when the profile has a server to
 * write to (UCCX or Unity Connection). A team lead's profile, with only the
 * report server (and perhaps Finesse), gets the board, the call journey and
 * Connections (where profiles are switched and edited). The board's history
 * is recorded from the report server, so History is offered only with one.
 * Before any profile is active, everything is offered.
 */
export function routesFor(systems: ConfiguredSystems | null): ReadonlyArray<(typeof ROUTES)[number]> {
  if (!systems) return ROUTES;
  const writable = systems.uccx || systems.cupi;
  return ROUTES.filter((entry) => (entry.route === 'history' ? systems.reports : writable || (entry.route !== 'config' && entry.route !== 'pending')));
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
  /** `success` and `info` close by themselves; `warning` and `error` stay until dismissed (read). */
  level: 'info' | 'success' | 'warning' | 'error';
  message: string;
  /** Stays until dismissed or updated, whatever its level (a change still being written). */
  stays?: boolean;
  /** The technical detail behind a failure (HTTP status, address), behind the toast's "Details". */
  detail?: string;
}

/** How long a toast that closes by itself stays on screen. */
export const NOTICE_CLOSE_MS = 6000;
/** At most this many toasts at once; the oldest that would close by itself goes first. */
const MAX_NOTICES = 6;

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
  // A route may carry settings after '?' (`#/wallboard?csqs=…`) or a subject after '/' (`#/journey/16777302`).
  const hash = typeof window === 'undefined' ? '' : window.location.hash.replace(/^#\/?/, '').split('?')[0]!.split('/')[0]!;
  if (hash === 'wallboard') return 'wallboard';
  return (ROUTES.find((r) => r.route === hash)?.route ?? 'board') as Route;
}

export function navigate(route: Route): void {
  // The same route with settings (or a subject) keeps them.
  if (typeof window !== 'undefined' && window.location.hash.split('?')[0]!.split('/').slice(0, 2).join('/') !== `#/${route}`) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${route}`);
  }
  useAppStore.setState({ route });
}

let noticeId = 1;
const closeTimers = new Map<number, ReturnType<typeof setTimeout>>();

function closesByItself(notice: Notice): boolean {
  return !notice.stays && (notice.level === 'info' || notice.level === 'success');
}

/** (Re)start or stop the timer that closes a toast, from what it says now. */
function scheduleClose(notice: Notice): void {
  clearTimeout(closeTimers.get(notice.id));
  closeTimers.delete(notice.id);
  if (!closesByItself(notice)) return;
  closeTimers.set(
    notice.id,
    setTimeout(() => dismissNotice(notice.id), NOTICE_CLOSE_MS),
  );
}

/** Show a toast; answers its id, for `updateNotice`. */
export function pushNotice(level: Notice['level'], message: string, options: { stays?: boolean; detail?: string } = {}): number {
  const notice: Notice = { id: noticeId++, level, message, ...(options.stays ? { stays: true } : {}), ...(options.detail ? { detail: options.detail } : {}) };
  useAppStore.setState((s) => {
    const notices = [...s.notices, notice];
    while (notices.length > MAX_NOTICES) {
      const oldest = notices.findIndex((n) => closesByItself(n));
      const [dropped] = notices.splice(oldest >= 0 ? oldest : 0, 1);
      if (dropped) clearTimeout(closeTimers.get(dropped.id));
    }
    return { notices };
  });
  scheduleClose(notice);
  return notice.id;
}

/** Change a toast in place (a change moving on in its lifecycle); false when it was dismissed meanwhile. */
export function updateNotice(id: number, patch: Pick<Notice, 'level' | 'message'> & { stays?: boolean; detail?: string }): boolean {
  const current = useAppStore.getState().notices.find((n) => n.id === id);
  if (!current) return false;
  const next: Notice = { id, level: patch.level, message: patch.message, ...(patch.stays ? { stays: true } : {}), ...(patch.detail ? { detail: patch.detail } : {}) };
  useAppStore.setState((s) => ({ notices: s.notices.map((n) => (n.id === id ? next : n)) }));
  scheduleClose(next);
  return true;
}

export function dismissNotice(id: number): void {
  clearTimeout(closeTimers.get(id));
  closeTimers.delete(id);
  useAppStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function effectiveTheme(theme: Theme | undefined): 'light' | 'dark' {
  if (theme === 'light' || theme === 'dark') return theme;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
