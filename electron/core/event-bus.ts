import type { EventPayload, MainEventChannel } from '../../shared/ipc/contract';

export type EventListener = <E extends MainEventChannel>(channel: E, payload: EventPayload<E>) => void;

/**
 * Events pushed from main to every connected renderer (Electron windows,
 * browser-host pages). Transports subscribe once; services publish typed events.
 * Only main's events: a transport's own ones (`host:connection`) never pass here.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends MainEventChannel>(channel: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }
}
