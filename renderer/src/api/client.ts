import type { ConsoleApi, EventChannel, EventPayload, InvokeChannel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { createWebSocketApi } from './ws-transport';
import { takeHostToken } from './host-token';

/**
 * The only module that knows how the renderer reaches main: the Electron
 * preload's `window.api`, or the browser host's WebSocket. Everything else
 * imports `api` from here, so tests can swap it with `setApi`.
 */
declare global {
  interface Window {
    api?: ConsoleApi;
  }
}

function browserHostApi(): ConsoleApi {
  const token = takeHostToken();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketApi(`${scheme}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`);
}

let current: ConsoleApi | null = null;

export function getApi(): ConsoleApi {
  current ??= typeof window !== 'undefined' && window.api ? window.api : browserHostApi();
  return current;
}

export function setApi(api: ConsoleApi): void {
  current = api;
}

/** Invoke and unwrap: resolves the value or throws an Error carrying the typed error's message, code, technical detail and the message by id (`said`). */
export async function call<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result: Result<ResponseOf<C>> = await getApi().invoke(channel, request);
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), { code: result.error.code, issues: result.error.issues, fields: result.error.fields, detail: result.error.detail, said: result.error.said });
}

/**
 * Run `resync` each time the connection to the console host comes back after
 * a loss: whatever main pushed meanwhile is gone, so every copy of main's state
 * is fetched again. Returns the unsubscribe function (an effect can return it
 * as its cleanup). Never fires in Electron, whose IPC does not drop.
 */
export function onReconnect(resync: () => void): () => void {
  let lost = false;
  return getApi().on('host:connection', ({ connected }) => {
    if (!connected) {
      lost = true;
    } else if (lost) {
      lost = false;
      resync();
    }
  });
}

/** Requests that take no payload: snapshots of some state of main's. */
type SnapshotChannel = { [C in InvokeChannel]: undefined extends RequestOf<C> ? C : never }[InvokeChannel];

/**
 * Keep a copy of one piece of main's state current: subscribe to its event
 * first, then fetch its snapshot (so no change falls in between), and fetch
 * the snapshot again after every reconnect. Returns the unsubscribe function.
 */
export function keepCurrent<E extends EventChannel, C extends SnapshotChannel>(
  event: E,
  snapshot: C,
  apply: (value: EventPayload<E> | ResponseOf<C>) => void,
  onError: (error: Error) => void = () => undefined,
): () => void {
  const offEvent = getApi().on(event, apply);
  const load = () => void call(snapshot, undefined as RequestOf<C>).then(apply, onError);
  const offReconnect = onReconnect(load);
  load();
  return () => {
    offEvent();
    offReconnect();
  };
}
