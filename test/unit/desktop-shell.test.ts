import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

vi.mock('electron', () => import('../support/fake-electron'));

import { recorded, resetRecorded, FakeWindow, notificationsSupported, type FakeMenu } from '../support/fake-electron';
import { ConsoleTray, trayMenuTemplate, trayTooltip, type TrayActions } from '../../electron/platform/tray';
import { createNativeNotifier } from '../../electron/platform/native-alerts';
import { applicationMenuTemplate, installApplicationMenu } from '../../electron/platform/app-menu';
import { applyStartAtLogin, autostartEntry } from '../../electron/platform/login-item';
import { SHELL_MESSAGE_IDS, shellWords } from '../../electron/platform/shell-words';
import { CATALOGUE_LANGUAGES, readCatalogue } from '../../scripts/i18n/compile-catalogue';
import { DesktopShell, type ShellApp } from '../../electron/shell/desktop-shell';
import { DesktopService, type DesktopPorts } from '../../electron/services/desktop/desktop-service';
import type { DeepLinkOutcome, OpenTarget } from '../../shared/domain/deep-link';
import type { SiteProfile } from '../../shared/domain/profile';
import { createLogger } from '../../electron/services/log/logger';
import { tempDirs } from '../support/temp-dirs';

const log = createLogger('test');
/** English as an en-GB system writes it (the 24-hour clock), and German. */
const english = shellWords('system', ['en-GB']);
const german = shellWords('de', ['de-DE', 'en-GB']);

/** The shell with a fake app and window: what it sends to the renderer lands in `sent`. */
function shellUnderTest(options: { platform?: NodeJS.Platform; closeToTray?: boolean } = {}) {
  const app = new EventEmitter();
  const window = new FakeWindow();
  const sent: DeepLinkOutcome[] = [];
  const firstHides: number[] = [];
  const shell = new DesktopShell({
    app: app as unknown as ShellApp,
    platform: options.platform ?? 'linux',
    window: () => window as never,
    publish: (outcome) => sent.push(outcome),
    closeToTray: () => options.closeToTray ?? true,
    onFirstHide: () => firstHides.push(Date.now()),
    log,
  });
  shell.attachWindow(window as never);
  window.webContents.emit('did-finish-load');
  return { app, window, sent, shell, firstHides };
}

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    show: () => calls.push('show'),
    open: (target) => calls.push(`open ${JSON.stringify(target)}`),
    pauseAlerts: (minutes) => calls.push(`pause ${minutes}`),
    resumeAlerts: () => calls.push('resume'),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

const labels = (menu: FakeMenu) => menu.items.map((item) => item.label ?? item.role ?? item.type);

describe('the tray', () => {
  beforeEach(() => resetRecorded());

  it('offers Show, Team board, Wallboard, the two pauses and Quit, each doing what it says', () => {
    const { calls, actions } = recordingActions();
    const tray = new ConsoleTray('/app/tray-icon.png', actions, english);
    const fake = recorded.trays[0]!;
    expect(fake.image.size).toBe(16);
    expect(labels(fake.menu!)).toEqual(['Show', 'separator', 'Team board', 'Wallboard', 'separator', 'Pause alerts for 15 min', 'Pause alerts for 1 h', 'separator', 'Quit']);
    for (const label of ['Show', 'Team board', 'Wallboard', 'Pause alerts for 15 min', 'Pause alerts for 1 h', 'Quit']) fake.menu!.find(label)!.click!();
    expect(calls).toEqual(['show', 'open {"screen":"board"}', 'open {"screen":"wallboard"}', 'pause 15', 'pause 60', 'quit']);
    fake.emit('click');
    expect(calls.at(-1)).toBe('show');
    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });

  it('shows the board\'s current reds in its tooltip and title, and the pause with a way to resume', () => {
    const { calls, actions } = recordingActions();
    const tray = new ConsoleTray('/app/tray-icon.png', actions, english);
    const fake = recorded.trays[0]!;
    expect(fake.tooltip).toBe('Supervisor Console: nothing over the red threshold');
    expect(fake.title).toBe('');
    const pausedUntil = new Date(2026, 0, 5, 14, 35).getTime();
    tray.update({ redMembers: 2, redQueues: 1, pausedUntil });
    expect(fake.tooltip).toBe('Supervisor Console: 2 members and 1 queue over the red threshold · alerts paused until 14:35');
    expect(fake.title).toBe('3');
    expect(fake.menu!.find('Alerts paused until 14:35')).toMatchObject({ enabled: false });
    fake.menu!.find('Resume alerts')!.click!();
    expect(calls).toEqual(['resume']);
    tray.update({ redMembers: 0, redQueues: 0, pausedUntil: 0 });
    expect(fake.title).toBe('');
    expect(fake.menu!.find('Resume alerts')).toBeUndefined();
    expect(trayTooltip({ redMembers: 1, redQueues: 0, pausedUntil: 0 }, english)).toBe('Supervisor Console: 1 member over the red threshold');
    expect(trayMenuTemplate(actions, { redMembers: 0, redQueues: 0, pausedUntil: 0 }, english).filter((item) => item.label).map((item) => item.label)).not.toContain('Resume alerts');
  });

  it('has every word it says in every catalogue, and says none as its id', () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const catalogue = readCatalogue(language);
      const words = shellWords(language, []);
      for (const id of SHELL_MESSAGE_IDS) {
        expect(catalogue[id], `${language}: ${id}`).toBeDefined();
        expect(words.say(id, { members: 1, queues: 1, until: 0, summary: 'x', version: '1' }), `${language}: ${id}`).not.toBe(id);
      }
    }
  });

  it('speaks the language chosen for the console, and changes with it at once', () => {
    const { calls, actions } = recordingActions();
    const tray = new ConsoleTray('/app/tray-icon.png', actions, german);
    const fake = recorded.trays[0]!;
    expect(labels(fake.menu!)).toEqual(['Anzeigen', 'separator', 'Teamübersicht', 'Wallboard', 'separator', 'Alarme 15 Min. lang pausieren', 'Alarme 1 Std. lang pausieren', 'separator', 'Beenden']);
    const pausedUntil = new Date(2026, 0, 5, 14, 35).getTime();
    tray.update({ redMembers: 1, redQueues: 2, pausedUntil });
    expect(fake.tooltip).toBe('Supervisor Console: 1 Mitglied und 2 Warteschlangen über der roten Schwelle · Alarme pausiert bis 14:35');
    fake.menu!.find('Alarme fortsetzen')!.click!();
    expect(calls).toEqual(['resume']);
    tray.setWords(shellWords('es', ['de-DE']));
    expect(fake.tooltip).toBe('Supervisor Console: 1 miembro y 2 colas por encima del umbral rojo · alertas en pausa hasta las 14:35');
    expect(fake.menu!.find('Reanudar alertas')).toBeDefined();
    // "system" follows the OS's languages, the first the console speaks; else English, in the OS's own region.
    expect(shellWords('system', ['fr-FR', 'es-MX']).language).toBe('es');
    expect(shellWords('system', ['fr-FR', 'es-MX']).locale).toBe('es-MX');
    expect(shellWords('system', ['fr-FR']).say('shell.tray.quit')).toBe('Quit');
    expect(shellWords('en', ['en-US']).say('shell.tray.pausedUntil', { until: pausedUntil })).toBe('Alerts paused until 2:35 PM');
  });
});

describe('native alerts', () => {
  beforeEach(() => resetRecorded());

  it('a click shows the hidden window and opens the board on that member', () => {
    const { window, sent, shell } = shellUnderTest();
    expect(window.userCloses()).toBe(true);
    expect(window.visible).toBe(false);
    const notify = createNativeNotifier((target) => shell.openTarget(target));
    const target: OpenTarget = { screen: 'board', member: 'Jane Doe' };
    notify({ title: 'Jane Doe over the limit', body: 'Not Ready (Break) for 21:00, limit 20 min.', tag: 'board-a1', target });
    const shown = recorded.notifications[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toEqual({ title: 'Jane Doe over the limit', body: 'Not Ready (Break) for 21:00, limit 20 min.' });
    expect(sent).toEqual([]);
    shown.click();
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(1);
    expect(sent).toEqual([{ ok: true, target }]);
  });

  it('replaces an alert with the same tag, and says so when the system has no notifications', () => {
    const notify = createNativeNotifier(() => undefined);
    const alert = { title: 'Sales: callers waiting too long', body: '6 waiting', tag: 'queue-Sales', target: { screen: 'board', queue: 'Sales' } as OpenTarget };
    notify(alert);
    notify(alert);
    expect(recorded.notifications.map((n) => n.closed)).toEqual([true, false]);
    notificationsSupported.value = false;
    expect(() => notify(alert)).toThrow(/no notifications/);
  });

  it('one service decides delivery: native in the desktop app, paused from the tray, none in the browser host', () => {
    const delivered: string[] = [];
    const ports: DesktopPorts = { platform: 'linux', applyStartAtLogin: () => undefined, notify: (alert) => delivered.push(alert.title) };
    const store = memoryStore();
    const desktop = new DesktopService({ store, profile: () => null, ports, log });
    const alert = { title: 'Jane Doe over the limit', body: '', tag: 'board-a1', target: { screen: 'board' } as OpenTarget };
    expect(desktop.notify(alert)).toEqual({ delivered: true });
    desktop.pauseAlerts(15);
    expect(desktop.notify(alert)).toEqual({ delivered: false });
    desktop.resumeAlerts();
    expect(desktop.notify(alert)).toEqual({ delivered: true });
    expect(delivered).toHaveLength(2);
    desktop.stop();
    const browser = new DesktopService({ store: memoryStore(), profile: () => null, ports: null, log });
    expect(browser.notify(alert)).toEqual({ delivered: false });
  });
});

describe('links into the running console', () => {
  beforeEach(() => resetRecorded());

  it('a second start hands its link to the first window, which shows and opens it', () => {
    const { app, window, sent } = shellUnderTest();
    window.hide();
    window.minimized = true;
    app.emit('second-instance', {}, ['/opt/Supervisor Console/supervisor-console', '--no-sandbox', 'supervisor-console://journey/16777302'], '/home/jane');
    expect(window.visible).toBe(true);
    expect(window.minimized).toBe(false);
    expect(sent).toEqual([{ ok: true, target: { screen: 'journey', callId: '16777302' } }]);
    app.emit('second-instance', {}, ['electron', 'main.mjs', '--open', 'supervisor-console://board?team=Sales%20East'], '/');
    expect(sent[1]).toEqual({ ok: true, target: { screen: 'board', team: 'Sales East' } });
  });

  it('a bad link from a second start is refused with a message in the window, and nothing opens', () => {
    const { app, window, sent } = shellUnderTest();
    window.hide();
    app.emit('second-instance', {}, ['electron', '--open', 'javascript:alert(1)'], '/');
    expect(window.visible).toBe(true);
    expect(sent).toEqual([{ ok: false, message: expect.stringMatching(/“javascript:alert\(1\)” was not opened: it is not a supervisor-console:\/\/ link/) }]);
    app.emit('second-instance', {}, ['electron', 'supervisor-console://journey/1;reboot'], '/');
    expect(sent[1]).toMatchObject({ ok: false, message: expect.stringMatching(/digits only/) });
    // A second start without a link only brings the window forward.
    app.emit('second-instance', {}, ['electron'], '/');
    expect(sent).toHaveLength(2);
  });

  it('macOS open-url is taken (not left to the system) and opened', () => {
    const { app, sent } = shellUnderTest({ platform: 'darwin' });
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'supervisor-console://journey/99');
    expect(prevented).toBe(true);
    expect(sent).toEqual([{ ok: true, target: { screen: 'journey', callId: '99' } }]);
  });

  it('a link that arrives before the page has loaded waits for it, and is not lost on a reload', () => {
    const { window, sent, shell } = shellUnderTest();
    window.webContents.emit('did-start-loading');
    shell.openLink('supervisor-console://journey/5');
    shell.openLink('supervisor-console://nowhere');
    expect(sent).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(sent).toEqual([{ ok: true, target: { screen: 'journey', callId: '5' } }, { ok: false, message: expect.stringContaining('no “nowhere” to open') }]);
  });
});

describe('closing the window', () => {
  it('hides it when the console keeps running in the tray, closes it otherwise, and always on quit', () => {
    const tray = shellUnderTest({ closeToTray: true });
    expect(tray.window.userCloses()).toBe(true);
    expect(tray.window.visible).toBe(false);
    // Said once: the console is still running.
    tray.window.show();
    expect(tray.window.userCloses()).toBe(true);
    expect(tray.firstHides).toHaveLength(1);
    tray.shell.quitting();
    expect(tray.window.userCloses()).toBe(false);

    const noTray = shellUnderTest({ closeToTray: false });
    expect(noTray.window.userCloses()).toBe(false);
    expect(noTray.window.destroyed).toBe(true);

    // macOS: the app stays in the Dock; the Dock icon ('activate') brings the window back.
    const mac = shellUnderTest({ platform: 'darwin', closeToTray: false });
    expect(mac.window.userCloses()).toBe(true);
    mac.app.emit('activate');
    expect(mac.window.visible).toBe(true);
  });
});

describe('the application menu', () => {
  beforeEach(() => resetRecorded());
  const opened: OpenTarget[] = [];
  const guides: string[] = [];
  const actions = { open: (target: OpenTarget) => opened.push(target), openGuide: (file: string) => guides.push(file), about: () => guides.push('about') };

  it('has Edit with the standard roles, View with the screens and their shortcuts, Help with the guides and the version', () => {
    installApplicationMenu(applicationMenuTemplate({ platform: 'linux', development: false, version: '1.2.3', actions, words: english }) as never);
    const menu = recorded.applicationMenu!;
    expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(menu.items[3]!.role).toBe('help');
    expect(menu.items[1]!.submenu!.filter((item) => item.role).map((item) => item.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    const view = menu.items[2]!.submenu!;
    expect(view.filter((item) => item.label && !item.role).map((item) => `${item.label} ${item.accelerator ?? ''}`.trim())).toEqual([
      'Team board Alt+1',
      'Call journey Alt+2',
      'Configuration Alt+3',
      'Connections Alt+4',
      'Pending changes Alt+5',
      'History Alt+6',
      'Wallboard',
    ]);
    expect(view.map((item) => item.role)).not.toContain('toggleDevTools');
    expect(view.map((item) => item.role)).not.toContain('reload');
    menu.find('Call journey')!.click!();
    menu.find('Wallboard')!.click!();
    expect(opened).toEqual([{ screen: 'journey' }, { screen: 'wallboard' }]);
    menu.find('The desktop app: tray, alerts and links')!.click!();
    expect(guides).toEqual(['desktop.md']);
    expect(menu.find('Supervisor Console 1.2.3')).toMatchObject({ enabled: false });
    // Every guide the menu names ships in docs/.
    for (const item of menu.items[3]!.submenu!.filter((entry) => entry.click && entry.label !== 'About Supervisor Console')) {
      item.click!();
    }
    for (const file of guides.filter((name) => name.endsWith('.md'))) expect(fs.existsSync(path.join(__dirname, '..', '..', 'docs', file)), file).toBe(true);
  });

  it('adds reload and the developer tools in development only, and the app menu on macOS', () => {
    const dev = applicationMenuTemplate({ platform: 'darwin', development: true, version: '1.2.3', actions, words: english });
    expect(dev[0]).toEqual({ role: 'appMenu' });
    expect(dev.map((item) => item.role)).toContain('windowMenu');
    const view = dev.find((item) => item.label === 'View')!.submenu as Array<{ role?: string }>;
    expect(view.map((item) => item.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('is in the chosen language, the standard roles included (Electron writes theirs in English on Windows and Linux)', () => {
    const template = applicationMenuTemplate({ platform: 'win32', development: false, version: '1.2.3', actions, words: german });
    expect(template.map((item) => item.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
    const edit = template[1]!.submenu as Array<{ role?: string; label?: string }>;
    expect(edit.filter((item) => item.role).map((item) => `${item.role}: ${item.label}`)).toEqual([
      'undo: Rückgängig',
      'redo: Wiederholen',
      'cut: Ausschneiden',
      'copy: Kopieren',
      'paste: Einfügen',
      'selectAll: Alles auswählen',
    ]);
    const view = template[2]!.submenu as Array<{ label?: string; accelerator?: string }>;
    expect(view.filter((item) => item.accelerator).map((item) => `${item.label} ${item.accelerator}`)).toEqual([
      'Teamübersicht Alt+1',
      'Anrufverlauf Alt+2',
      'Konfiguration Alt+3',
      'Verbindungen Alt+4',
      'Ausstehende Änderungen Alt+5',
      'Historie Alt+6',
    ]);
    const help = (template[3]!.submenu as Array<{ label?: string }>).map((item) => item.label).filter(Boolean);
    expect(help).toEqual(['Im Alltag (englisch)', 'Die Teamübersicht (englisch)', 'Tastatur (englisch)', 'Die Desktop-App: Infobereich, Alarme und Links (englisch)', 'Supervisor Console 1.2.3', 'Über Supervisor Console']);
  });
});

describe('start at login', () => {
  beforeEach(() => resetRecorded());
  const tempDir = tempDirs('sc-autostart-');

  it('uses the system list on macOS and Windows, and an autostart entry on Linux', () => {
    applyStartAtLogin(true, { platform: 'win32' });
    applyStartAtLogin(false, { platform: 'darwin' });
    expect(recorded.loginItemSettings).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    const dir = path.join(tempDir(), 'autostart');
    applyStartAtLogin(true, { platform: 'linux', autostartDir: dir, executable: '/opt/Supervisor Console/supervisor-console' });
    const file = path.join(dir, 'supervisor-console.desktop');
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/opt/Supervisor Console/supervisor-console"');
    applyStartAtLogin(false, { platform: 'linux', autostartDir: dir });
    expect(fs.existsSync(file)).toBe(false);
    expect(autostartEntry('/a/"$x`')).toContain('Exec="/a/\\"\\$x\\`"');
  });

  it('the setting is the user\'s choice, else the profile\'s preset, else the platform default; and is applied', () => {
    const applied: boolean[] = [];
    let profile: SiteProfile | null = null;
    const desktop = new DesktopService({
      store: memoryStore(),
      profile: () => profile,
      ports: { platform: 'win32', applyStartAtLogin: (enabled) => applied.push(enabled), notify: () => undefined },
      log,
    });
    expect(desktop.settings()).toMatchObject({ available: true, platform: 'windows', startAtLogin: { value: false, source: 'default' }, closeToTray: { value: true, source: 'default' } });
    profile = { id: 'p', name: 'Site', desktop: { startAtLogin: true, closeToTray: false } };
    expect(desktop.applySettings()).toMatchObject({ startAtLogin: { value: true, source: 'profile' }, closeToTray: { value: false, source: 'profile' } });
    expect(desktop.updateSettings({ startAtLogin: false })).toMatchObject({ startAtLogin: { value: false, source: 'user' }, closeToTray: { source: 'profile' } });
    expect(applied).toEqual([true, false]);
    const mac = new DesktopService({ store: memoryStore(), profile: () => null, ports: { platform: 'darwin', applyStartAtLogin: () => undefined, notify: () => undefined }, log });
    expect(mac.settings().closeToTray).toEqual({ value: false, source: 'default' });
    const browser = new DesktopService({ store: memoryStore(), profile: () => null, ports: null, log });
    expect(browser.settings().available).toBe(false);
    expect(() => browser.updateSettings({ startAtLogin: true })).toThrow(/desktop app/);
  });
});

function memoryStore() {
  const data = new Map<string, unknown>();
  return { get: <T>(key: string) => data.get(key) as T | undefined, set: (key: string, value: unknown) => void data.set(key, value), delete: (key: string) => void data.delete(key), path: ':memory:' };
}
