import { EventEmitter } from 'node:events';
import { ConsoleError } from '../../../shared/ipc/result';
import type { AlertsState, DesktopSetting, DesktopSettings } from '../../../shared/ipc/areas/desktop';
import type { OpenTarget } from '../../../shared/domain/deep-link';
import type { SiteProfile } from '../../../shared/domain/profile';
import type { KeyValueStore } from '../storage/key-value-store';
import type { Logger } from '../log/logger';

/** One threshold alert as the board decided to raise it. */
export interface DesktopAlert {
  title: string;
  body: string;
  tag: string;
  /** What clicking the alert opens. */
  target: OpenTarget;
}

/**
 * What only the desktop app can do, given by the Electron shell through
 * `electron/platform/` (absent in the browser host).
 */
export interface DesktopPorts {
  platform: NodeJS.Platform;
  /** Register (or remove) the console as a program started at login. */
  applyStartAtLogin(enabled: boolean): void;
  /** Show one alert through the operating system. */
  notify(alert: DesktopAlert): void;
}

type StoredChoices = { startAtLogin?: boolean; closeToTray?: boolean };

export function platformName(platform: NodeJS.Platform): DesktopSettings['platform'] {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : platform === 'linux' ? 'linux' : 'other';
}

/**
 * The desktop side of the console, in plain Node: whether threshold alerts are
 * paused (the one answer the board and the tray both read), how many reds the
 * board has (for the tray), native alert delivery and the desktop settings
 * (the user's choice, else the profile's preset, else the platform default).
 */
export class DesktopService extends EventEmitter<{ alerts: [AlertsState]; settings: [DesktopSettings] }> {
  private pausedUntil = 0;
  private red = { members: 0, queues: 0 };
  private resumeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      /** Where the user's choices are kept; null in the browser host. */
      store: KeyValueStore | null;
      /** The active profile, for its `desktop` presets. */
      profile: () => SiteProfile | null;
      ports: DesktopPorts | null;
      log: Logger;
      now?: () => number;
    },
  ) {
    super();
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  alertsState(): AlertsState {
    return { pausedUntil: this.pausedUntil > this.now() ? this.pausedUntil : 0, redMembers: this.red.members, redQueues: this.red.queues };
  }

  pauseAlerts(minutes: number): AlertsState {
    this.pausedUntil = this.now() + minutes * 60_000;
    // When the pause ends, the tray and the board learn it without anyone asking.
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.publishAlerts(), minutes * 60_000 + 50);
    this.resumeTimer.unref?.();
    return this.publishAlerts();
  }

  resumeAlerts(): AlertsState {
    this.pausedUntil = 0;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    return this.publishAlerts();
  }

  reportRed(counts: { members: number; queues: number }): AlertsState {
    if (counts.members === this.red.members && counts.queues === this.red.queues) return this.alertsState();
    this.red = { members: counts.members, queues: counts.queues };
    return this.publishAlerts();
  }

  /** Native delivery when the desktop app runs; the board already decided (thresholds, snoozes, not while replaying). */
  notify(alert: DesktopAlert): { delivered: boolean } {
    if (!this.deps.ports) return { delivered: false };
    // A pause set from the tray a moment ago wins over an alert already on its way.
    if (this.alertsState().pausedUntil > 0) return { delivered: false };
    try {
      this.deps.ports.notify(alert);
      return { delivered: true };
    } catch (error) {
      this.deps.log.warn('the operating system refused a notification', error instanceof Error ? error.message : String(error));
      return { delivered: false };
    }
  }

  settings(): DesktopSettings {
    const platform = this.deps.ports?.platform ?? process.platform;
    const chosen = this.choices();
    const preset = this.deps.profile()?.desktop ?? {};
    const pick = (key: keyof StoredChoices, platformDefault: boolean): DesktopSetting => {
      if (typeof chosen[key] === 'boolean') return { value: chosen[key], source: 'user' };
      if (typeof preset[key] === 'boolean') return { value: preset[key], source: 'profile' };
      return { value: platformDefault, source: 'default' };
    };
    return {
      available: this.deps.ports !== null,
      platform: platformName(platform),
      startAtLogin: pick('startAtLogin', false),
      // Windows and Linux keep a console that was closed in the tray; on macOS the Dock does that, so off by default there.
      closeToTray: pick('closeToTray', platform !== 'darwin'),
    };
  }

  updateSettings(patch: StoredChoices): DesktopSettings {
    if (!this.deps.ports || !this.deps.store) throw new ConsoleError('unavailable', 'Start at login and the tray belong to the desktop app; the browser host has neither.');
    const next = { ...this.choices(), ...patch };
    this.deps.store.set('choices', next);
    return this.applySettings();
  }

  /** Apply the effective settings (at start, after a change, when another profile with other presets becomes active). */
  applySettings(): DesktopSettings {
    const settings = this.settings();
    if (this.deps.ports) {
      try {
        this.deps.ports.applyStartAtLogin(settings.startAtLogin.value);
      } catch (error) {
        this.deps.log.warn('could not change the start at login', error instanceof Error ? error.message : String(error));
      }
    }
    this.emit('settings', settings);
    return settings;
  }

  stop(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }

  private choices(): StoredChoices {
    const stored = this.deps.store?.get<StoredChoices>('choices');
    if (!stored || typeof stored !== 'object') return {};
    const clean: StoredChoices = {};
    if (typeof stored.startAtLogin === 'boolean') clean.startAtLogin = stored.startAtLogin;
    if (typeof stored.closeToTray === 'boolean') clean.closeToTray = stored.closeToTray;
    return clean;
  }

  private publishAlerts(): AlertsState {
    const state = this.alertsState();
    this.emit('alerts', state);
    return state;
  }
}
