import type { EventChannel, EventPayload } from '../../shared/ipc/contract';

export type EventListener = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/**
 * Events pushed from main to every connected renderer (Electron windows,
 * browser-host pages). Transports subscribe once; services publish typed events.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }
}
