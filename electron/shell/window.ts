import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import type { KeyValueStore } from '../services/storage/key-value-store';

/** The one place webPreferences are set. */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
    // The board decides threshold alerts in the page: it must keep its once-a-second check while hidden in the tray.
    backgroundThrottling: false,
    partition: 'persist:console',
  };
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export function windowOptions(preloadPath: string, devTools: boolean, state: WindowState | undefined): BrowserWindowConstructorOptions {
  return {
    width: state?.bounds.width ?? 1360,
    height: state?.bounds.height ?? 860,
    x: state?.bounds.x,
    y: state?.bounds.y,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Supervisor Console',
    backgroundColor: '#10151c',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

/** Remember size, position and maximised state between runs. */
export function rememberWindowState(window: BrowserWindowType, store: KeyValueStore): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    store.set('window', state);
  };
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', debounced);
  window.on('move', debounced);
  window.on('close', save);
}
