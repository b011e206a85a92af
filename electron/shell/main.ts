/**
 * The Electron shell: a thin layer that wires the shared console core to a
 * window and to ipcMain. No product logic lives here.
 */
import { app, BrowserWindow, ipcMain, protocol, session, dialog } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStartupInputError, parseArgs, USAGE } from '../cli/args';
import { createConsoleCore, type ConsoleCore } from '../core/console-core';
import { APP_VERSION } from '../core/version';
import { installProcessGuard } from '../core/process-guard';
import { createLogger } from '../services/log/logger';
import { createElectronStore } from '../platform/electron-store';
import { createSafeStorageCipher } from '../platform/safe-storage-cipher';
import { registerIpc } from './ipc';
import { createAppProtocolHandler, registerAppScheme } from './app-protocol';
import { guardSession, guardWebContents } from './guards';
import { rememberWindowState, windowOptions, type WindowState } from './window';
import { APP_ORIGIN, APP_SCHEME } from './sender-guard';
import { applyRendererFlags } from './renderer-flags';

/** Switches that Chromium, Node or test drivers add to our command line; not ours to judge. */
const FOREIGN_FLAG_PREFIXES = ['--remote-debugging', '--inspect', '--no-sandbox', '--enable-logging', '--disable-gpu', '--ozone', '--enable-features', '--disable-features', '--user-data-dir', '--lang', '--force-device-scale-factor'];

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');

function fatal(message: string, exitCode: number): never {
  process.stderr.write(`${message}\n`);
  app.exit(exitCode);
  process.exit(exitCode);
}

let args;
try {
  args = parseArgs(process.argv.slice(app.isPackaged ? 1 : 2), { foreignFlagPrefixes: FOREIGN_FLAG_PREFIXES, defaultDataDir: app.getPath('userData') });
} catch (error) {
  if (isStartupInputError(error)) fatal(error.message, 2);
  throw error;
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  app.exit(0);
}
app.setPath('userData', args.dataDir);
applyRendererFlags(app.commandLine);

installProcessGuard(createLogger('process'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme(protocol);
  let core: ConsoleCore | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.whenReady().then(async () => {
    const consoleSession = session.fromPartition('persist:console');
    guardSession(consoleSession);
    consoleSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

    try {
      core = await createConsoleCore({
        dataDir: args.dataDir,
        host: 'electron',
        version: APP_VERSION,
        demo: args.demo,
        profileFile: args.profile ?? undefined,
        storeFactory: createElectronStore,
        // After 'ready': before it, Linux reports the safeStorage backend as unknown.
        osCipher: createSafeStorageCipher(),
      });
    } catch (error) {
      if (isStartupInputError(error)) fatal(error.message, 2);
      dialog.showErrorBox('Supervisor Console could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    registerIpc(ipcMain, core.dispatch);
    core.events.subscribe((channel, payload) => {
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.isDestroyed()) window.webContents.send(channel, payload);
      }
    });

    const windowStore = createElectronStore({ dir: args.dataDir, name: 'window-state' });
    const state = windowStore.get<WindowState>('window');
    mainWindow = new BrowserWindow(windowOptions(preloadPath, !app.isPackaged, state));
    if (state?.maximized) mainWindow.maximize();
    rememberWindowState(mainWindow, windowStore);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // End report subscriptions and flush journals before the process goes.
    event.preventDefault();
    quitting = true;
    void core.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
