import { create } from 'zustand';
import { call, getApi, onReconnect } from '../../api/client';
import { shownError, type ShownError } from '../../components/ErrorDetails';
import type { ChangeCounts, PendingChange } from '../../../../shared/domain/changes';

interface PendingState {
  counts: ChangeCounts | null;
  changes: PendingChange[];
  error: ShownError | null;
}

/** The queue as the frame (nav badge) and the Pending changes screen see it. */
export const usePendingStore = create<PendingState>()(() => ({ counts: null, changes: [], error: null }));

let subscribed = false;

export function subscribePending(): void {
  if (subscribed) return;
  subscribed = true;
  getApi().on('changes:updated', (counts) => {
    usePendingStore.setState({ counts });
    if (listening > 0) void refreshPending();
  });
  // The queue may have moved while the host connection was down.
  onReconnect(() => void (listening > 0 ? refreshPending() : loadCounts()));
  void loadCounts();
}

async function loadCounts(): Promise<void> {
  try {
    usePendingStore.setState({ counts: await call('changes:counts', undefined) });
  } catch {
    // The badge keeps the last counts it knew.
  }
}

/** Screens showing the list register while mounted, so the list is only fetched when someone looks. */
let listening = 0;
export function listenToPendingList(): () => void {
  listening++;
  void refreshPending();
  return () => {
    listening--;
  };
}

export async function refreshPending(): Promise<void> {
  try {
    const [changes, counts] = await Promise.all([call('changes:list', undefined), call('changes:counts', undefined)]);
    usePendingStore.setState({ changes, counts, error: null });
  } catch (error) {
    usePendingStore.setState({ error: shownError(error) });
  }
}
