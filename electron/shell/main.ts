/**
 * The Electron shell: a thin layer that wires the shared console core to a
 * window and to ipcMain. No product logic lives here.
 */
import { app, BrowserWindow, ipcMain, protocol, session, dialog, shell } from 'electron';
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
import { DesktopShell } from './desktop-shell';
import { ConsoleTray, redCount } from '../platform/tray';
import { createNativeNotifier, showNotice } from '../platform/native-alerts';
import { applyStartAtLogin } from '../platform/login-item';
import { applicationMenuTemplate, installApplicationMenu } from '../platform/app-menu';
import { shellWords, type ShellWords } from '../platform/shell-words';
import { DEEP_LINK_SCHEME } from '../../shared/domain/deep-link';

/** Switches that Chromium, Node or test drivers add to our command line; not ours to judge. */
const FOREIGN_FLAG_PREFIXES = ['--remote-debugging', '--inspect', '--no-sandbox', '--enable-logging', '--disable-gpu', '--ozone', '--enable-features', '--disable-features', '--user-data-dir', '--lang', '--force-device-scale-factor'];

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const trayIconPath = path.join(here, 'tray-icon.png');
/** The guides of docs/, shipped beside the app (electron-builder extraResources), or the source tree's in development. */
const guidesDir = app.isPackaged ? path.join(process.resourcesPath, 'docs') : path.join(here, '..', '..', 'docs');

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
// Windows shows notifications (threshold alerts) only for an app with this id; the installer registers the same one.
if (process.platform === 'win32') app.setAppUserModelId('com.supervisorconsole.app');
applyRendererFlags(app.commandLine);

installProcessGuard(createLogger('process'));

// One console per user: a second start hands its link (argv) to the first through 'second-instance' and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme(protocol);
  // supervisor-console:// links start (or reach) this app; in development, through this script.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  else if (process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  let core: ConsoleCore | null = null;
  let mainWindow: BrowserWindow | null = null;
  let tray: ConsoleTray | null = null;
  // The tray's and menus' words: the OS's language until the preferences are read, then the one chosen for the console.
  const systemLanguages = () => app.getPreferredSystemLanguages();
  let words: ShellWords = shellWords('system', systemLanguages());

  const desktop = new DesktopShell({
    app,
    platform: process.platform,
    window: () => mainWindow,
    publish: (outcome) => core?.events.publish('app:open', outcome),
    closeToTray: () => core?.desktop.settings().closeToTray.value ?? process.platform !== 'darwin',
    // macOS users know the Dock convention; elsewhere a closed window that keeps running needs saying once.
    onFirstHide: () => {
      if (process.platform !== 'darwin') showNotice(words.say('shell.notice.stillRunning.title'), words.say('shell.notice.stillRunning.body'));
    },
    log: createLogger('desktop'),
  });
  if (args.open !== null) desktop.openLink(args.open);

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
        desktopPorts: {
          platform: process.platform,
          applyStartAtLogin: (enabled) => applyStartAtLogin(enabled),
          // Clicking an alert shows the window and opens the board on that member or queue.
          notify: createNativeNotifier((target) => desktop.openTarget(target)),
        },
      });
    } catch (error) {
      if (isStartupInputError(error)) fatal(error.message, 2);
      dialog.showErrorBox(words.say('shell.startFailed.title'), error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    registerIpc(ipcMain, core.dispatch);
    const consoleCore = core;
    words = shellWords(consoleCore.preferences.get().language, systemLanguages());
    const installMenu = () =>
      installApplicationMenu(
        applicationMenuTemplate({
          platform: process.platform,
          development: !app.isPackaged,
          version: APP_VERSION,
          words,
          actions: {
            open: (target) => desktop.openTarget(target),
            openGuide: (file) => void shell.openPath(path.join(guidesDir, path.basename(file))),
            about: () => app.showAboutPanel(),
          },
        }),
      );
    installMenu();
    // A language chosen in Connections reaches the menu and the tray at once, as it reaches the page.
    consoleCore.preferences.on('changed', (preferences) => {
      const next = shellWords(preferences.language, systemLanguages());
      if (next.language === words.language && next.locale === words.locale) return;
      words = next;
      // The preference is saved already: a menu that cannot be rebuilt is logged, never reported as a failed save.
      try {
        installMenu();
        tray?.setWords(words);
      } catch (error) {
        createLogger('desktop').warn('the menu or tray could not change language', error instanceof Error ? error.message : String(error));
      }
    });
    app.setAboutPanelOptions({ applicationName: 'Supervisor Console', applicationVersion: APP_VERSION });
    try {
      tray = new ConsoleTray(trayIconPath, {
        show: () => desktop.showWindow(),
        open: (target) => desktop.openTarget(target),
        pauseAlerts: (minutes) => consoleCore.desktop.pauseAlerts(minutes),
        resumeAlerts: () => consoleCore.desktop.resumeAlerts(),
        quit: () => app.quit(),
      }, words);
    } catch (error) {
      // A desktop without a tray (some Linux sessions): the console runs without one.
      createLogger('desktop').warn('no tray icon', error instanceof Error ? error.message : String(error));
    }
    const showReds = () => {
      const state = consoleCore.desktop.alertsState();
      tray?.update(state);
      // The Dock (macOS) and Unity launchers show the count too.
      app.setBadgeCount(redCount(state));
    };
    consoleCore.desktop.on('alerts', showReds);
    showReds();
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
    desktop.attachWindow(mainWindow);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    desktop.quitting();
    if (quitting || !core) return;
    // End report subscriptions and flush journals before the process goes.
    event.preventDefault();
    quitting = true;
    void core.stop().finally(() => app.quit());
  });
  // Reached only when the window really closed (not hidden in the tray, not macOS's Dock).
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => tray?.destroy());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
