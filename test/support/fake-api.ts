import type { ConsoleApi, EventChannel, EventPayload, InvokeChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { ConsoleError, fail, ok, type Result } from '../../shared/ipc/result';

/**
 * A fake main process for renderer tests, typed by the contract: each handler
 * must answer its channel's response type (a wrong shape does not compile).
 * Throwing a ConsoleError answers with that typed error; a channel without a
 * handler answers `unknown_channel`, as main does for a channel it does not know.
 */
export type FakeHandlers = {
  [C in InvokeChannel]?: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** One recorded request: the channel and its typed payload. */
export type FakeRequest = { [C in InvokeChannel]: { channel: C; request: RequestOf<C> } }[InvokeChannel];

export interface FakeApi extends ConsoleApi {
  /** Every request the renderer sent, in order. */
  readonly requests: FakeRequest[];
  /** The payloads sent to one channel, in order. */
  requestsTo<C extends InvokeChannel>(channel: C): Array<RequestOf<C>>;
  /** Push an event to the renderer's listeners, as main (or, for `host:connection`, the transport) would. */
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
  /** How many listeners an event has now. */
  listenerCount(channel: EventChannel): number;
}

type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const requests: FakeRequest[] = [];
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  async function answer<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    const handler = handlers[channel] as Handler<C> | undefined;
    if (!handler) return fail('unknown_channel', `The fake main process has no answer for "${channel}".`);
    try {
      return ok(await handler(request));
    } catch (error) {
      if (error instanceof ConsoleError) return fail(error.code, error.message, undefined, undefined, error.detail, error.said);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  }

  return {
    requests,
    requestsTo: <C extends InvokeChannel>(channel: C) => requests.filter((r) => r.channel === channel).map((r) => r.request as RequestOf<C>),
    invoke: (channel, request) => {
      requests.push({ channel, request } as FakeRequest);
      return answer(channel, request);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => {
        set.delete(listener);
      };
    },
    emit: (channel, payload) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) (listener as (payload: EventPayload<typeof channel>) => void)(payload);
    },
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0,
  };
}
