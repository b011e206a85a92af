import { create } from 'zustand';
import { call, getApi, onReconnect } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { t } from '../../../i18n/i18n';
import { detailOf, shownError, type ShownError } from '../../../components/ErrorDetails';
import { followInToast, subscribeChangeProgress, useChangeProgress } from '../../../store/change-progress';
import type { UccxConfig, UccxState } from '../../../../../shared/domain/uccx';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import type { RequestOf } from '../../../../../shared/ipc/contract';

export type UccxEditRequest = RequestOf<'uccx:submit'>['edits'][number];

interface UccxStoreState {
  config: UccxConfig | null;
  state: UccxState | null;
  loading: boolean;
  /** Why the configuration could not be read, with its technical detail. */
  error: ShownError | null;
  /** UCCX changes not yet applied, for "waiting" markers in the editors; a change just saved is here at once. */
  pending: PendingChange[];
  /**
   * Changes written since the configuration was last read: the editors show
   * them until a reload brings the same values from UCCX, so a saved form
   * never falls back to the old values in between.
   */
  written: Array<PendingChange & { writtenAt: number }>;
  /** Number of the request that produced `pending` (requests are numbered in the order they were sent). */
  pendingRequest: number;
}

/**
 * The Configuration screen's UCCX data, shared by all editors: loaded once,
 * reloaded when the console wrote something, and the list of waiting
 * changes so an editor can say "2 changes waiting" next to an object.
 */
export const useUccxStore = create<UccxStoreState>()(() => ({ config: null, state: null, loading: false, error: null, pending: [], written: [], pendingRequest: 0 }));

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
  subscribeChangeProgress();
  useChangeProgress.subscribe(({ byId }) => followProgress(byId));
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

/**
 * Move saved changes along as main reports them: a written one leaves
 * `pending` for `written` (the form keeps showing it), a failed or
 * conflicted one stays with its state (the form reverts to the server's
 * values; the marker and the toast say why), a discarded one goes.
 */
function followProgress(byId: ReturnType<typeof useChangeProgress.getState>['byId']): void {
  const { pending, written } = useUccxStore.getState();
  if (!pending.some((change) => byId[change.id] && byId[change.id]!.state !== change.state)) return;
  const now = Date.now();
  const nextPending: PendingChange[] = [];
  const nextWritten = [...written];
  for (const change of pending) {
    const progress = byId[change.id];
    if (!progress || progress.state === change.state) nextPending.push(change);
    else if (progress.state === 'applied') nextWritten.push({ ...change, state: 'applied', writtenAt: now });
    else if (progress.state !== 'discarded') nextPending.push({ ...change, state: progress.state, ...(progress.lastError ? { lastError: progress.lastError } : {}) });
  }
  useUccxStore.setState({ pending: nextPending, written: nextWritten });
}

export async function loadUccx(): Promise<void> {
  useUccxStore.setState({ loading: true });
  const startedAt = Date.now();
  try {
    const [config] = await Promise.all([call('uccx:config', undefined), loadPending()]);
    // What was written before this read began is in the configuration now.
    const written = useUccxStore.getState().written.filter((change) => change.writtenAt >= startedAt);
    useUccxStore.setState({ config, written, error: null, loading: false });
  } catch (error) {
    useUccxStore.setState({ error: shownError(error), loading: false });
  }
}

let pendingRequest = 0;
/** How long a saved change counts as "just saved" when a list read does not show it yet. */
const JUST_SAVED_MS = 5000;

export async function loadPending(): Promise<void> {
  // Only the newest answer counts: an older one could miss changes queued since.
  const request = ++pendingRequest;
  try {
    const all = await call('changes:list', undefined);
    if (request !== pendingRequest) return;
    const listed = all.filter((change) => change.ref.system === 'uccx');
    // A list read just before a save answered may not hold it yet: keep a just-saved change a moment longer.
    const ids = new Set(listed.map((change) => change.id));
    const { byId } = useChangeProgress.getState();
    const justSaved = useUccxStore
      .getState()
      .pending.filter((change) => !ids.has(change.id) && Date.now() - change.createdAt < JUST_SAVED_MS && (byId[change.id]?.state ?? 'queued') === 'queued');
    useUccxStore.setState({ pending: [...listed, ...justSaved], pendingRequest: request });
  } catch {
    // The Pending screen reports queue problems; editors only lose their markers.
  }
}

/**
 * Save edits: main makes them durable in its journal and writes them to UCCX.
 * The editors show the saved values at once; one toast follows the
 * submission to "written ✓" (or its failure). Resolves with the queued
 * changes, or null after telling the user why they could not be saved.
 * `quiet` leaves the toast to the caller (Bulk re-skill makes one for all).
 */
export async function submitEdits(edits: UccxEditRequest[], options: { quiet?: boolean } = {}): Promise<PendingChange[] | null> {
  try {
    const changes = await call('uccx:submit', { edits });
    const known = new Set(changes.map((change) => change.id));
    useUccxStore.setState((s) => ({ pending: [...s.pending.filter((change) => !known.has(change.id)), ...changes] }));
    if (!options.quiet) followInToast(changes.length === 1 ? changes[0]!.label : t('progress.changeCount', { count: changes.length }), changes, uccxWaitingFor);
    void loadPending();
    return changes;
  } catch (error) {
    pushNotice('error', t('uccx.frame.saveFailed', { message: (error as Error).message }), { detail: detailOf(error) });
    return null;
  }
}

/**
 * What queued UCCX changes wait for, when it is not their turn but the server.
 * English, like the submission toast's sentence it completes
 * (`describeSubmission`, with the "n changes" it follows).
 */
export function uccxWaitingFor(): string | undefined {
  return useUccxStore.getState().state?.writable === false ? t('progress.waitingFor.uccx') : undefined;
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
