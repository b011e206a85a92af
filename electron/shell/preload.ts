/**
 * The sandboxed preload: exposes exactly the contract as `window.api`, and
 * nothing of Electron. Bundled into one CommonJS file that requires only
 * 'electron' (a sandboxed preload cannot load other modules).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isInvokeChannel } from '../../shared/ipc/channels';
import type { ConsoleApi } from '../../shared/ipc/contract';

export const api: ConsoleApi = {
  invoke: (channel, request) => {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown request channel "${String(channel).slice(0, 80)}".` } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on: (channel, listener) => {
    if (!isEventChannel(channel)) throw new Error(`Unknown event channel "${String(channel).slice(0, 80)}".`);
    // The listener never sees the IpcRendererEvent (it would expose `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
