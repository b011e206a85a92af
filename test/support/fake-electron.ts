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
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  applicationMenu: null as FakeMenu | null,
  loginItemSettings: [] as Array<{ openAtLogin: boolean }>,
};

export function resetRecorded(): void {
  recorded.handlers.clear();
  recorded.handleCalls.length = 0;
  recorded.exposed.clear();
  recorded.rendererSends.length = 0;
  recorded.rendererListeners.clear();
  recorded.schemes.length = 0;
  recorded.trays.length = 0;
  recorded.notifications.length = 0;
  recorded.applicationMenu = null;
  recorded.loginItemSettings.length = 0;
  notificationsSupported.value = true;
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

/** A menu item as the shell declares it (Electron's MenuItemConstructorOptions, the parts tests read). */
export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  /** The item with this label, at any depth. */
  find(label: string): FakeMenuItem | undefined {
    const search = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const inner = item.submenu ? search(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return search(this.items);
  }
}

export const Menu = {
  buildFromTemplate: (template: FakeMenuItem[]) => new FakeMenu(template),
  setApplicationMenu(menu: FakeMenu | null) {
    recorded.applicationMenu = menu;
  },
};

export class FakeImage {
  constructor(
    readonly path: string,
    readonly size = 512,
  ) {}
  isEmpty() {
    return this.path === '';
  }
  resize(options: { width: number }) {
    return new FakeImage(this.path, options.width);
  }
}

export const nativeImage = { createFromPath: (file: string) => new FakeImage(file) };

export class FakeTray extends EventEmitter {
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(readonly image: FakeImage) {
    super();
    recorded.trays.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}
export { FakeTray as Tray };

export const notificationsSupported = { value: true };

export class FakeNotification extends EventEmitter {
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    recorded.notifications.push(this);
  }
  static isSupported() {
    return notificationsSupported.value;
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
  /** What the operating system does when the user clicks it. */
  click() {
    this.emit('click');
  }
}
export { FakeNotification as Notification };

export const app = {
  setLoginItemSettings(settings: { openAtLogin: boolean }) {
    recorded.loginItemSettings.push(settings);
  },
};

/** A stand-in for the console window: records show, hide, focus and restore, and fires close like Electron (cancellable). */
export class FakeWindow extends EventEmitter {
  readonly webContents = new EventEmitter();
  visible = true;
  minimized = false;
  focused = 0;
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused++;
  }
  /** The user closes the window: true when the shell kept it (prevented the close). */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return prevented;
  }
}

export default { ipcMain, ipcRenderer, contextBridge, protocol, Menu, nativeImage, Tray: FakeTray, Notification: FakeNotification, app };
