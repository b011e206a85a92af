/**
 * A stand-in for the 'electron' module, recording what the shell asks of it,
 * so the thin Electron layer is tested under plain Node (no runtime here).
 */
import { EventEmitter } from 'node:events';

export type Handler = (event: unknown, payload: unknown) => unknown;

export const recorded = {
  handlers: new Map<string, Handler>(),
  handleCalls: [] as string[],
  exposed: new Map<string, unknown>(),
  rendererSends: [] as Array<{ channel: string; args: unknown[] }>,
  rendererListeners: new Map<string, Array<(...args: unknown[]) => void>>(),
  schemes: [] as unknown[],
};

export function resetRecorded(): void {
  recorded.handlers.clear();
  recorded.handleCalls.length = 0;
  recorded.exposed.clear();
  recorded.rendererSends.length = 0;
  recorded.rendererListeners.clear();
  recorded.schemes.length = 0;
}

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    recorded.handleCalls.push(channel);
    if (recorded.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    recorded.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invoke: async (channel: string, ...args: unknown[]) => {
    recorded.rendererSends.push({ channel, args });
    return { ok: true, value: null };
  },
  on(channel: string, listener: (...args: unknown[]) => void) {
    const list = recorded.rendererListeners.get(channel) ?? [];
    list.push(listener);
    recorded.rendererListeners.set(channel, list);
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void) {
    recorded.rendererListeners.set(channel, (recorded.rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, value: unknown) {
    recorded.exposed.set(key, value);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.schemes.push(...schemes);
  },
};

/** A fake webContents that records guard registrations and lets tests fire events. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Fire an Electron-style cancellable event; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  beforeRequest: { filter: { urls: string[] }; listener: (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void } | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
    this.permissionCheck = handler;
  }
  webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<FakeSession['beforeRequest']>['listener']) => {
      this.beforeRequest = { filter, listener };
    },
  };
}

export default { ipcMain, ipcRenderer, contextBridge, protocol };
