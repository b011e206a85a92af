import type { BrowserWindow } from 'electron';
import { parseDeepLink, type DeepLinkOutcome, type OpenTarget } from '../../shared/domain/deep-link';
import type { Logger } from '../services/log/logger';
import { LinkHandoff, linkFromArgv } from './deep-links';

/** The few things of Electron's `app` the desktop behaviour listens to. */
export interface ShellApp {
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

export interface DesktopShellOptions {
  app: ShellApp;
  platform: NodeJS.Platform;
  /** The console window, once it exists. */
  window(): BrowserWindow | null;
  /** Send a link's outcome to the renderer (the `app:open` event). */
  publish(outcome: DeepLinkOutcome): void;
  /** Whether closing the window keeps the console running (the closeToTray setting). */
  closeToTray(): boolean;
  /** The first time closing only hides the window: tell the user the console is still running (and how to quit). */
  onFirstHide?(): void;
  log: Logger;
}

/**
 * The desktop behaviour of the window: links from a second start, from macOS
 * and from alerts and the tray open their place in the one window; closing
 * the window hides it when the console keeps running in the tray (always on
 * macOS, where the app stays in the Dock), so the board, its alerts, the
 * report subscription and the journal go on.
 */
export class DesktopShell {
  private quitRequested = false;
  private hiddenOnce = false;
  private readonly handoff: LinkHandoff;

  constructor(private readonly options: DesktopShellOptions) {
    this.handoff = new LinkHandoff(options.publish);
    // A second start hands its link (if any) to this one, then exits (the single-instance lock).
    options.app.on('second-instance', (_event, argv) => this.secondInstance(argv));
    // macOS delivers links by event, also for the first start.
    options.app.on('open-url', (event, url) => {
      event.preventDefault();
      this.openLink(url);
    });
    options.app.on('activate', () => this.showWindow());
  }

  /** Quit for real: closing the window no longer hides it. */
  quitting(): void {
    this.quitRequested = true;
  }

  attachWindow(window: BrowserWindow): void {
    window.webContents.on('did-start-loading', () => this.handoff.pageLoading());
    window.webContents.on('did-finish-load', () => this.handoff.pageLoaded());
    window.on('close', (event) => {
      if (this.quitRequested || !this.keepsRunningWhenClosed()) return;
      event.preventDefault();
      window.hide();
      if (!this.hiddenOnce) {
        this.hiddenOnce = true;
        this.options.onFirstHide?.();
      }
    });
  }

  keepsRunningWhenClosed(): boolean {
    return this.options.platform === 'darwin' || this.options.closeToTray();
  }

  showWindow(): void {
    const window = this.options.window();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** The tray, the menu and a clicked alert: show the window and open the place. */
  openTarget(target: OpenTarget): void {
    this.showWindow();
    this.handoff.deliver({ ok: true, target });
  }

  /** A link from outside: opened when it is one the console knows, otherwise refused with a message in the window. */
  openLink(raw: string): void {
    const outcome = parseDeepLink(raw);
    if (!outcome.ok) this.options.log.warn('refused a link', outcome.message);
    this.showWindow();
    this.handoff.deliver(outcome);
  }

  secondInstance(argv: readonly string[]): void {
    const link = linkFromArgv(argv);
    if (link === null) this.showWindow();
    else this.openLink(link);
  }
}
