import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { startAppBridge } from '../../renderer/src/store/bridge';
import { useAppStore } from '../../renderer/src/store/app-store';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { VaultBanner } from '../../renderer/src/components/VaultBanner';
import { startBoardBridge, useBoardStore } from '../../renderer/src/features/board/board-store';
import { loadUccx, subscribeUccx, useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { listenToPendingList, subscribePending, usePendingStore } from '../../renderer/src/features/pending/pending-store';
import { loadConnections, useConnectionsStore } from '../../renderer/src/features/connections/connections-store';
import { useCupiState } from '../../renderer/src/features/config/cupi/cupi-hooks';
import { CloseNow } from '../../renderer/src/features/config/cupi/CloseNow';
import { BoardScreen } from '../../renderer/src/features/board/BoardScreen';
import { NO_REJECTIONS, type BoardSnapshot } from '../../shared/domain/board';
import type { ServerStatus } from '../../shared/domain/status';
import type { UccxConfig, UccxState } from '../../shared/domain/uccx';
import type { ChangeCounts, PendingChange } from '../../shared/domain/changes';
import type { ProfileList, VaultStatus } from '../../shared/domain/profile';
import type { CloseNowView, CupiState } from '../../shared/domain/cupi';
import type { AppInfo } from '../../shared/ipc/areas/app';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const status = (state: ServerStatus['state'], detail: string): ServerStatus => ({ id: 'uccx', kind: 'uccx', label: 'UCCX', state, detail, since: 0 });

const config = (alias: string): UccxConfig => ({
  agents: [
    {
      userID: 'ann',
      firstName: 'Ann',
      lastName: 'Test',
      extension: '4000',
      alias,
      autoAvailable: true,
      type: 1,
      team: { id: '1', name: 'Sales' },
      resourceGroup: null,
      skills: [],
    },
  ],
  skills: [],
  resourceGroups: [],
  csqs: [],
  teams: [],
  applications: [],
  calendars: [],
  fetchedAt: 0,
  source: 'live',
  node: 'ccx-a',
});

const board = (teamName: string): BoardSnapshot => ({
  seq: 7,
  configured: true,
  supervisorId: 'sup01',
  connection: { state: 'live', detail: 'Live.', asOf: null, retryAt: null },
  teams: [{ teamId: '1', teamName, memberIds: [] }],
  members: [],
  rejections: { ...NO_REJECTIONS },
  eventsApplied: 0,
  limitNotice: null,
});


const counts = (waiting: number): ChangeCounts => ({ queued: waiting, applying: 0, failed: 0, notPermitted: 0, conflicted: 0, waiting });

const profiles = (...names: string[]): ProfileList => ({
  demo: false,
  activeId: null,
  profiles: names.map((name) => ({ id: name.toLowerCase(), name })),
});

const closure = (reason: string): CloseNowView => ({ id: reason, reason, greeting: 'Alternate', createdAt: 0, until: Date.UTC(2031, 0, 1), state: 'active', parts: [] });

/** What the fake main process holds now; tests change it while the page is cut off, as other clients would. */
const main = {
  info: { name: 'Supervisor Console', version: '1', host: 'web', demo: false, profileName: 'Head office' } as AppInfo,
  statuses: [status('ok', 'UCCX connected.')],
  board: board('Sales'),
  uccxState: { mode: 'ok', writable: true, detail: 'UCCX ccx-a is the database master.', nodes: [], waiting: 0 } as UccxState,
  config: config('ann'),
  changes: [] as PendingChange[],
  counts: counts(0),
  profiles: profiles('Head office'),
  vault: { kind: 'passphrase', state: 'unlocked', exists: true, detail: 'Vault unlocked.' } as VaultStatus,
  cupi: { configured: true, readOnly: false, readsFrom: 'publisher', busy: null, detail: 'Unity Connection publisher connected.' } as CupiState,
  closures: [] as CloseNowView[],
};

const api = createFakeApi({
  'app:info': () => main.info,
  'status:get': () => main.statuses,
  'preferences:get': () => ({ theme: 'light', sections: {} }),
  'board:snapshot': () => main.board,
  'uccx:state': () => main.uccxState,
  'uccx:config': () => main.config,
  'changes:list': () => main.changes,
  'changes:counts': () => main.counts,
  'profiles:list': () => main.profiles,
  'vault:status': () => main.vault,
  'connections:trusted': () => [],
  'cupi:state': () => main.cupi,
  'cupi:search': () => ({ total: 0, page: 1, pageSize: 200, items: [], source: 'publisher', fetchedAt: 0 }),
  'cupi:close-now-options': () => ({ applications: [] }),
  'cupi:close-now-list': () => main.closures,
});

// The fake is typed by the contract: an answer of the wrong shape does not compile.
createFakeApi({
  // @ts-expect-error: 'status:get' answers a list of statuses, not one
  'status:get': () => status('ok', 'UCCX connected.'),
});

function CupiStateLine() {
  return <p data-testid="cupi-state">{useCupiState()?.detail}</p>;
}

let container: HTMLDivElement;
let root: Root;

beforeAll(() => setApi(api));
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function connection(connected: boolean): Promise<void> {
  await act(async () => api.emit('host:connection', { connected }));
  await settle();
}

const chip = () => container.querySelector('.status-chip.host-unreachable');

describe('connection to the console host', () => {
  it('shows "Console host unreachable" in the frame while the connection is down, and hides it when it is back', async () => {
    await act(() => startAppBridge());
    act(() => root.render(<StatusBar />));
    expect(chip()).toBeNull();
    expect(container.textContent).toContain('UCCX: Connected');

    await connection(false);
    expect(useAppStore.getState().hostDisconnected).toBe(true);
    expect(chip()?.textContent).toBe('✖ Console host unreachable');
    // The other states are still shown, as the last ones heard.
    expect(container.querySelector('.status-bar.host-disconnected [data-server="uccx"]')?.textContent).toContain('UCCX: Connected');

    await connection(true);
    expect(useAppStore.getState().hostDisconnected).toBe(false);
    expect(chip()).toBeNull();
    expect(container.querySelector('.status-bar.host-disconnected')).toBeNull();
  });

  it('says the board is paused, not live, while this page cannot hear the host', async () => {
    await act(async () => {
      await startAppBridge();
      startBoardBridge();
    });
    act(() => root.render(<BoardScreen />));
    await settle();
    expect(container.querySelector('.board-live')?.textContent).toContain('Live');
    await connection(false);
    expect(container.querySelector('.board-live')).toBeNull();
    expect(container.querySelector('[data-testid="board-connection"]')?.textContent).toMatch(/Paused\..*not updating/);
    await connection(true);
    expect(container.querySelector('.board-live')?.textContent).toContain('Live');
  });

  it('makes every store fetch its state again after a reconnect, and only then', async () => {
    await act(async () => {
      await startAppBridge();
      startBoardBridge();
      subscribeUccx();
      await loadUccx();
      subscribePending();
      listenToPendingList();
      await loadConnections();
    });
    act(() =>
      root.render(
        <>
          <StatusBar />
          <VaultBanner />
          <CupiStateLine />
          <CloseNow readOnly={false} />
        </>,
      ),
    );
    await settle();
    expect(useBoardStore.getState().teams.map((t) => t.teamName)).toEqual(['Sales']);
    expect(useUccxStore.getState().config?.agents[0]?.alias).toBe('ann');
    expect(container.querySelector('.vault-banner')).toBeNull();
    expect(container.querySelector('[data-testid="closure"]')).toBeNull();

    // A first "connected" (the socket's first open) is no reconnect.
    const before = api.requests.length;
    await connection(true);
    await connection(false);
    expect(api.requests.length).toBe(before);

    // Meanwhile, main's state moved on and its events never reached the page.
    main.info = { ...main.info, profileName: 'Night shift' };
    main.statuses = [status('degraded', 'UCCX read-only: ccx-a unreachable since 10:42')];
    main.board = board('Sales West');
    main.uccxState = { mode: 'read-only', writable: false, detail: 'UCCX read-only: ccx-a unreachable since 10:42', nodes: [], waiting: 1 };
    main.config = config('annie');
    main.changes = [pendingChange('c1')];
    main.counts = counts(1);
    main.profiles = profiles('Head office', 'Night shift');
    main.vault = { kind: 'passphrase', state: 'locked', exists: true, detail: 'The credential vault is locked.' };
    main.cupi = { ...main.cupi, readOnly: true, detail: 'Unity Connection read-only: the publisher is unreachable.' };
    main.closures = [closure('Fire drill')];

    await connection(true);
    expect(useAppStore.getState().info?.profileName).toBe('Night shift');
    expect(container.querySelector('[data-server="uccx"]')?.textContent).toContain('UCCX: Limited');
    expect(useBoardStore.getState().teams.map((t) => t.teamName)).toEqual(['Sales West']);
    expect(useUccxStore.getState().state?.mode).toBe('read-only');
    expect(useUccxStore.getState().config?.agents[0]?.alias).toBe('annie');
    expect(useUccxStore.getState().pending.map((c) => c.id)).toEqual(['c1']);
    expect(usePendingStore.getState().counts?.waiting).toBe(1);
    expect(usePendingStore.getState().changes.map((c) => c.id)).toEqual(['c1']);
    expect(useConnectionsStore.getState().list?.profiles.map((p) => p.name)).toEqual(['Head office', 'Night shift']);
    expect(container.querySelector('.vault-banner')?.textContent).toContain('The credential vault is locked.');
    expect(container.querySelector('[data-testid="cupi-state"]')?.textContent).toBe('Unity Connection read-only: the publisher is unreachable.');
    expect(container.querySelector('[data-testid="closure"]')?.textContent).toContain('Fire drill');
  });
});
