import type { ConsoleApi, EventChannel, EventPayload, InvokeChannel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { firstLanguageActive, t } from '../i18n/i18n';

/**
 * The contract over the browser host's WebSocket. Requests wait for the socket
 * while it reconnects; a request that cannot be delivered resolves with an
 * `unavailable` error, never a rejection. Every loss and return of the socket
 * is told to `host:connection` listeners (once per change).
 */
export function createWebSocketApi(url: string): ConsoleApi & { readonly connected: () => boolean } {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let open = false;
  let backoffMs = 250;
  /** What `host:connection` listeners were last told; null before the first attempt ends. */
  let announced: boolean | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      open = true;
      backoffMs = 250;
      for (const frame of queue.splice(0)) ws.send(frame);
      announce(true);
    };
    ws.onmessage = (message) => {
      let frame: { type?: string; id?: number | null; result?: Result<unknown>; channel?: string; payload?: unknown };
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.type === 'result' && typeof frame.id === 'number') {
        pending.get(frame.id)?.(frame.result as Result<unknown>);
        pending.delete(frame.id);
      } else if (frame.type === 'event' && typeof frame.channel === 'string' && frame.channel !== 'host:connection') {
        // (`host:connection` is this transport's own word, never the host's.)
        emit(frame.channel, frame.payload);
      }
    };
    ws.onclose = () => {
      open = false;
      socket = null;
      announce(false);
      // Requests in flight are lost with the socket: answer them so no screen waits forever
      // (in words, so once the first catalogue is there: the socket may close before it has loaded).
      for (const [id, resolve] of pending) {
        void firstLanguageActive.then(() => resolve({ ok: false, error: { code: 'unavailable', message: t('status.hostLost') } }));
        pending.delete(id);
      }
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    };
  };

  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };

  const announce = (connected: boolean) => {
    if (announced === connected) return;
    announced = connected;
    const payload: EventPayload<'host:connection'> = { connected };
    emit('host:connection', payload);
  };

  connect();

  return {
    connected: () => open,
    invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, channel, payload: request });
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        if (open && socket) socket.send(frame);
        else queue.push(frame);
      });
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(channel, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
