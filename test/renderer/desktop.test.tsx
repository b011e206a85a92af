import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { handleOpenOutcome } from '../../renderer/src/store/open-target';
import { useAppStore } from '../../renderer/src/store/app-store';
import { useBoardStore } from '../../renderer/src/features/board/board-store';
import { useBoardView } from '../../renderer/src/features/board/board-view-store';
import { DEFAULT_VIEW } from '../../renderer/src/features/board/board-model';
import { checkAlerts, snoozeAll, startAlertSync, useAlertStore } from '../../renderer/src/features/board/board-alerts';
import { useReplayStore } from '../../renderer/src/features/board/replay-store';
import { useJourneyRequest } from '../../renderer/src/features/journey/journey-request';
import { DesktopSettingsPanel } from '../../renderer/src/features/connections/DesktopSettings';
import { createFakeApi, type FakeApi } from '../support/fake-api';
import type { AlertsState, DesktopSettings } from '../../shared/ipc/areas/desktop';
import type { AppInfo } from '../../shared/ipc/areas/app';
import type { BoardMember } from '../../shared/domain/board';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const INFO: AppInfo = { name: 'Supervisor Console', version: '1', host: 'electron', demo: false, profileName: 'Site', systems: null };
const ALERTS: AlertsState = { pausedUntil: 0, redMembers: 0, redQueues: 0 };

let api: FakeApi;
beforeEach(() => {
  api = createFakeApi({
    'alerts:state': () => ALERTS,
    'alerts:pause': ({ minutes }) => ({ ...ALERTS, pausedUntil: 1_000 + minutes * 60_000 }),
    'alerts:red-count': ({ members, queues }) => ({ ...ALERTS, redMembers: members, redQueues: queues }),
    'alerts:notify': () => ({ delivered: true }),
    'preferences:set': () => ({ theme: 'system', sections: {} }),
  });
  setApi(api);
  useAppStore.setState({ notices: [], info: INFO, route: 'board' });
  window.history.replaceState(null, '', '/#/board');
});

const flush = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));

describe('opening what a link, the tray or an alert asked for', () => {
  it('shows a refused link\'s reason in a notice and goes nowhere', () => {
    handleOpenOutcome({ ok: false, message: 'The link “javascript:alert(1)” was not opened: it is not a supervisor-console:// link.' });
    expect(useAppStore.getState().notices.map((n) => [n.level, n.message])).toEqual([['warning', expect.stringContaining('javascript:alert(1)')]]);
    expect(useAppStore.getState().route).toBe('board');
    expect(window.location.hash).toBe('#/board');
  });

  it('refuses a target that breaks the schema, even from main', () => {
    handleOpenOutcome({ ok: true, target: { screen: 'journey', callId: '1 OR 1=1' } });
    expect(useAppStore.getState().notices[0]?.message).toMatch(/nothing was opened/);
    expect(window.location.hash).toBe('#/board');
  });

  it('opens the journey of a call through the address, asking for it again when the address is already there', () => {
    handleOpenOutcome({ ok: true, target: { screen: 'journey', callId: '16777302' } });
    expect(window.location.hash).toBe('#/journey/16777302');
    const before = useJourneyRequest.getState().number;
    handleOpenOutcome({ ok: true, target: { screen: 'journey', callId: '16777302' } });
    expect(useJourneyRequest.getState()).toMatchObject({ callId: '16777302', number: before + 1 });
  });

  it('opens the board on the named team once the board has arrived, and says so when there is no such team', async () => {
    useBoardStore.setState({ loaded: false, teams: [] });
    useBoardView.setState({ view: DEFAULT_VIEW, initialised: true });
    handleOpenOutcome({ ok: true, target: { screen: 'board', team: 'sales east' } });
    expect(useAppStore.getState().route).toBe('board');
    expect(useBoardView.getState().view.teamId).toBeNull();
    useBoardStore.setState({ loaded: true, teams: [{ teamId: 't2', teamName: 'Sales East', memberIds: [] }, { teamId: 't1', teamName: 'Support', memberIds: [] }] as never });
    expect(useBoardView.getState().view.teamId).toBe('t2');
    handleOpenOutcome({ ok: true, target: { screen: 'board', team: 'Nobody' } });
    expect(useAppStore.getState().notices.at(-1)?.message).toMatch(/No team named “Nobody” is on the board/);
    expect(useBoardView.getState().view.teamId).toBe('t2');
    // A member's alert: every team and status, filtered by the name.
    handleOpenOutcome({ ok: true, target: { screen: 'board', member: 'Jane Doe' } });
    expect(useBoardView.getState().view).toMatchObject({ teamId: null, name: 'Jane Doe', statuses: ['ready', 'not_ready', 'ACW'] });
  });
});

describe('threshold alerts in the desktop app', () => {
  const now = 10 * 3_600_000;
  const jane: BoardMember = { memberId: 'a1', memberType: 'Agent', memberName: 'Jane Doe', status: 'not_ready', reason: 'Break', since: now - 25 * 60_000, sinceAtLeast: false };

  it('decides here and delivers through main with the member as the target; reports the reds for the tray', async () => {
    useAlertStore.setState({ snoozedUntil: {}, snoozeAllUntil: 0 });
    useBoardView.setState({ view: DEFAULT_VIEW, initialised: true });
    useBoardStore.setState({ loaded: true, connection: { state: 'live', detail: '', asOf: null, retryAt: null }, members: new Map([[jane.memberId, jane]]) } as never);
    checkAlerts(now);
    await flush();
    expect(api.requestsTo('alerts:notify')).toEqual([{ title: 'Jane Doe over the limit', body: expect.stringContaining('limit 20 min'), tag: 'board-a1', target: { screen: 'board', member: 'Jane Doe' } }]);
    expect(api.requestsTo('alerts:red-count').at(-1)).toEqual({ members: 1, queues: 0 });
  });

  it('while the board replays history: no alert, but the tray still counts the live reds', async () => {
    const ravi: BoardMember = { ...jane, memberId: 'a2', memberName: 'Ravi Khan' };
    useBoardStore.setState({ loaded: true, connection: { state: 'live', detail: '', asOf: null, retryAt: null }, members: new Map([[jane.memberId, jane], [ravi.memberId, ravi]]) } as never);
    useReplayStore.setState({ at: now - 3_600_000 });
    try {
      checkAlerts(now + 1);
      await flush();
      expect(api.requestsTo('alerts:notify')).toEqual([]);
      expect(api.requestsTo('alerts:red-count').at(-1)).toEqual({ members: 2, queues: 0 });
    } finally {
      useReplayStore.setState({ at: null });
    }
  });

  it('pauses through main, and follows a pause set elsewhere (the tray)', async () => {
    startAlertSync();
    await flush();
    snoozeAll(1_000);
    await flush();
    expect(api.requestsTo('alerts:pause')).toEqual([{ minutes: 15 }]);
    expect(useAlertStore.getState().snoozeAllUntil).toBe(1_000 + 15 * 60_000);
    act(() => api.emit('alerts:changed', { ...ALERTS, pausedUntil: 5_000_000 }));
    expect(useAlertStore.getState().snoozeAllUntil).toBe(5_000_000);
  });
});

describe('the desktop settings panel', () => {
  let root: Root;
  let container: HTMLDivElement;
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('offers start at login and the tray in the desktop app, saying where each value comes from', async () => {
    let settings: DesktopSettings = { available: true, platform: 'windows', startAtLogin: { value: true, source: 'profile' }, closeToTray: { value: true, source: 'default' } };
    api = createFakeApi({
      'desktop:settings': () => settings,
      'desktop:settings-set': (patch) => (settings = { ...settings, startAtLogin: { value: patch.startAtLogin ?? settings.startAtLogin.value, source: 'user' } }),
    });
    setApi(api);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    await act(async () => root.render(<DesktopSettingsPanel />));
    await flush();
    const login = container.querySelector<HTMLInputElement>('#desktop-start-at-login')!;
    expect(login.checked).toBe(true);
    expect(container.textContent).toContain('Now: preset by the profile.');
    expect(container.querySelector<HTMLInputElement>('#desktop-close-to-tray')!.checked).toBe(true);
    await act(async () => login.click());
    await flush();
    expect(api.requestsTo('desktop:settings-set')).toEqual([{ startAtLogin: false }]);
    expect(container.querySelector<HTMLInputElement>('#desktop-start-at-login')!.checked).toBe(false);
    expect(container.textContent).toContain('Now: your choice.');
  });
});
