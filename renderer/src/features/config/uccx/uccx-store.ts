import { create } from 'zustand';
import { formatClock } from '../../../../../shared/domain/time-words';
import { call, getApi, onReconnect } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import type { UccxConfig, UccxState } from '../../../../../shared/domain/uccx';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import type { RequestOf } from '../../../../../shared/ipc/contract';

export type UccxEditRequest = RequestOf<'uccx:submit'>['edits'][number];

interface UccxStoreState {
  config: UccxConfig | null;
  state: UccxState | null;
  loading: boolean;
  error: string | null;
  /** UCCX changes not yet applied, for "waiting" markers in the editors. */
  pending: PendingChange[];
  /** Number of the request that produced `pending` (requests are numbered in the order they were sent). */
  pendingRequest: number;
}

/**
 * The Configuration screen's UCCX data, shared by all editors: loaded once,
 * reloaded when the console wrote something, and the list of waiting
 * changes so an editor can say "2 changes waiting" next to an object.
 */
export const useUccxStore = create<UccxStoreState>()(() => ({ config: null, state: null, loading: false, error: null, pending: [], pendingRequest: 0 }));

let subscribed = false;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleReload(): void {
  if (reloadTimer) return;
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void loadUccx();
  }, 1000);
}

export function subscribeUccx(): void {
  if (subscribed) return;
  subscribed = true;
  const api = getApi();
  api.on('uccx:state-changed', (state) => {
    const before = useUccxStore.getState().state;
    useUccxStore.setState({ state });
    // Back from offline: show live data again.
    if (before && before.mode === 'offline' && state.mode !== 'offline') scheduleReload();
  });
  api.on('uccx:config-changed', () => scheduleReload());
  api.on('changes:updated', () => void loadPending());
  // Changes of state, configuration and queue may have passed while the host connection was down.
  onReconnect(() => {
    void loadState();
    void loadUccx();
  });
  void loadState();
}

async function loadState(): Promise<void> {
  try {
    useUccxStore.setState({ state: await call('uccx:state', undefined) });
  } catch {
    // The banner keeps the last state it knew.
  }
}

export async function loadUccx(): Promise<void> {
  useUccxStore.setState({ loading: true });
  try {
    const [config] = await Promise.all([call('uccx:config', undefined), loadPending()]);
    useUccxStore.setState({ config, error: null, loading: false });
  } catch (error) {
    useUccxStore.setState({ error: (error as Error).message, loading: false });
  }
}

let pendingRequest = 0;

/** The number of the last pending-list request sent: any list numbered higher was read after this moment. */
export function lastPendingRequest(): number {
  return pendingRequest;
}

export async function loadPending(): Promise<void> {
  // Only the newest answer counts: an older one could miss changes queued since.
  const request = ++pendingRequest;
  try {
    const all = await call('changes:list', undefined);
    if (request !== pendingRequest) return;
    useUccxStore.setState({ pending: all.filter((change) => change.ref.system === 'uccx'), pendingRequest: request });
  } catch {
    // The Pending screen reports queue problems; editors only lose their markers.
  }
}

/** Queue edits; resolves with the queued changes (durable in the journal) or null after telling the user why not. */
export async function submitEdits(edits: UccxEditRequest[], options: { quiet?: boolean } = {}): Promise<PendingChange[] | null> {
  try {
    const changes = await call('uccx:submit', { edits });
    if (options.quiet) return changes;
    const state = useUccxStore.getState().state;
    pushNotice(
      'info',
      state?.writable
        ? `${changes.length} change${changes.length === 1 ? '' : 's'} queued; writing to UCCX now.`
        : `${changes.length} change${changes.length === 1 ? '' : 's'} queued; they will be written when UCCX accepts writes again.`,
    );
    void loadPending();
    return changes;
  } catch (error) {
    pushNotice('error', `The change could not be queued: ${(error as Error).message}`);
    return null;
  }
}

/** The queue request for an update of one object; the summary names the changed fields unless one is given. */
export function updateRequest(
  type: UccxEditRequest['type'],
  id: string,
  label: string,
  change: { base: FieldMap; mine: FieldMap; labels: Record<string, string> },
  summary = Object.keys(change.mine)
    .map((field) => change.labels[field] ?? field)
    .join(', '),
): UccxEditRequest {
  return { type, id, operation: 'update', label, summary, base: change.base, mine: change.mine };
}

export function pendingFor(pending: PendingChange[], type: string, id: string): PendingChange[] {
  return pending.filter((change) => change.ref.type === type && change.ref.id === id);
}

export function clock(epochMs: number): string {
  return formatClock(epochMs);
}
