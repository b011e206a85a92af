/**
 * THE IPC contract: every request, response and pushed event between the
 * renderer and main, in one place. Each area of the console declares its
 * channels in ./areas/<area>.ts; this file merges them. Both hosts (Electron
 * IPC and the browser host's WebSocket) carry exactly this contract.
 *
 * To add a channel: declare it in its area file with a request schema; the
 * compiler then demands a handler in electron/core/handlers.
 */
import type { EventDefinition, InvokeDefinition } from './define';
import type { Result } from './result';
import { appEvents, appInvoke, type TransportEventChannel } from './areas/app';
import { boardEvents, boardInvoke } from './areas/board';
import { connectionsEvents, connectionsInvoke } from './areas/connections';
import { cupiEvents, cupiInvoke } from './areas/cupi';
import { uccxEvents, uccxInvoke } from './areas/uccx';
import { changesEvents, changesInvoke } from './areas/changes';
import { finesseEvents, finesseInvoke } from './areas/finesse';
import { queuesEvents, queuesInvoke } from './areas/queues';
import { historyInvoke } from './areas/history';
import { desktopEvents, desktopInvoke } from './areas/desktop';

export const invokeDefinitions = {
  ...uccxInvoke,
  ...changesInvoke,
  ...appInvoke,
  ...boardInvoke,
  ...connectionsInvoke,
  ...cupiInvoke,
  ...finesseInvoke,
  ...queuesInvoke,
  ...historyInvoke,
  ...desktopInvoke,
};

export const eventDefinitions = {
  ...uccxEvents,
  ...changesEvents,
  ...appEvents,
  ...boardEvents,
  ...connectionsEvents,
  ...cupiEvents,
  ...finesseEvents,
  ...queuesEvents,
  ...desktopEvents,
};

type ReqOf<D> = D extends InvokeDefinition<infer Req, unknown> ? Req : never;
type ResOf<D> = D extends InvokeDefinition<unknown, infer Res> ? Res : never;
type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

export type InvokeChannel = keyof typeof invokeDefinitions;
export type EventChannel = keyof typeof eventDefinitions;
export type RequestOf<C extends InvokeChannel> = ReqOf<(typeof invokeDefinitions)[C]>;
export type ResponseOf<C extends InvokeChannel> = ResOf<(typeof invokeDefinitions)[C]>;
export type EventPayload<E extends EventChannel> = PayloadOf<(typeof eventDefinitions)[E]>;
/** The events main publishes; the rest are emitted by the renderer's transport itself. */
export type MainEventChannel = Exclude<EventChannel, TransportEventChannel>;
export type { TransportEventChannel };

/** What the renderer sees as `window.api` (Electron preload) or the WebSocket client (browser host). */
export interface ConsoleApi {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Largest payload either transport accepts, in bytes of JSON (prompts travel as files, not IPC). */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
