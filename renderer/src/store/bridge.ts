import { call, getApi, onReconnect } from '../api/client';
import { pushNotice, useAppStore } from './app-store';
import { subscribeChangeProgress } from './change-progress';
import type { PreferencesPatch } from '../../../shared/domain/preferences';
import { handleOpenOutcome } from './open-target';
import { watchJourneyAddress } from '../features/journey/journey-request';
import { startAlertSync } from '../features/board/board-alerts';
import { applyLanguage, sayMain, t } from '../i18n/i18n';

/**
 * Connects the app-wide store to main once, outside React: subscribe to pushed
 * events first, then fetch the current state, so no change falls in between;
 * after the host connection comes back, fetch it again.
 */
let started = false;

export async function startAppBridge(): Promise<void> {
  if (started) return;
  started = true;
  const api = getApi();
  // The language preference takes effect as soon as it is read or changed: the screens render again in it, nothing reloads.
  useAppStore.subscribe((state, previous) => {
    const language = state.preferences?.language;
    if (state.preferences && language !== previous.preferences?.language) void applyLanguage(language);
  });
  api.on('host:connection', ({ connected }) => useAppStore.setState({ hostDisconnected: !connected }));
  api.on('status:changed', (statuses) => useAppStore.setState({ statuses }));
  api.on('app:notice', (notice) => pushNotice(notice.level, sayMain(notice.said, notice.message)));
  subscribeChangeProgress();
  // Console links, the tray, the application menu and clicked alerts (desktop app); the page address (both hosts).
  api.on('app:open', handleOpenOutcome);
  watchJourneyAddress();
  startAlertSync();
  // Another profile (or the same one edited) may configure other servers: the navigation follows app:info.
  api.on('profiles:changed', () => void refreshInfo());
  onReconnect(() => void loadAppState());
  await loadAppState();
}

async function loadAppState(): Promise<void> {
  try {
    const [info, statuses, preferences] = await Promise.all([
      call('app:info', undefined),
      call('status:get', undefined),
      call('preferences:get', undefined),
    ]);
    useAppStore.setState({ info, statuses, preferences });
  } catch (error) {
    pushNotice('error', t('frame.error.loadState', { message: (error as Error).message }));
  }
}

async function refreshInfo(): Promise<void> {
  try {
    useAppStore.setState({ info: await call('app:info', undefined) });
  } catch {
    // The next reconnect or reload reads it again.
  }
}

export async function updatePreferences(patch: PreferencesPatch): Promise<void> {
  try {
    const preferences = await call('preferences:set', patch);
    useAppStore.setState({ preferences });
  } catch (error) {
    pushNotice('error', t('frame.error.savePreferences', { message: (error as Error).message }));
  }
}
