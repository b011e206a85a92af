import { create } from 'zustand';
import { keepCurrent } from '../../api/client';
import { QUEUES_OFF, type QueueState } from '../../../../shared/domain/queues';

/** The queue figures main reads (every queue; the board's view chooses which to show), kept current, and when this page last received them. */
export const useQueueStore = create<{ state: QueueState; loaded: boolean; receivedAt: number | null }>()(() => ({ state: QUEUES_OFF, loaded: false, receivedAt: null }));

let started = false;

export function startQueueBridge(): void {
  if (started) return;
  started = true;
  keepCurrent('queues:changed', 'queues:state', (state) => useQueueStore.setState({ state, loaded: true, receivedAt: Date.now() }));
}
