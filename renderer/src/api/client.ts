import type { ConsoleApi, InvokeChannel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
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

/** Invoke and unwrap: resolves the value or throws an Error carrying the typed error's message and code. */
export async function call<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result: Result<ResponseOf<C>> = await getApi().invoke(channel, request);
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), { code: result.error.code, issues: result.error.issues });
}
