import { z } from 'zod';
import { event, invoke } from '../define';
import { openTargetSchema, type DeepLinkOutcome } from '../../domain/deep-link';

/**
 * The console as a desktop application: threshold alerts (pausing them, the
 * count of reds the tray shows, native delivery), links opened from outside,
 * and the desktop settings (start at login, keep running in the tray).
 */

/** One source of truth for "alerts paused", shared by the board and the tray. */
export interface AlertsState {
  /** Epoch ms until which every threshold alert is paused; 0 = not paused. */
  pausedUntil: number;
  /** The board's current reds, as the board reported them last. */
  redMembers: number;
  redQueues: number;
}

export interface DesktopSetting {
  value: boolean;
  /** Who decided: the user in the settings, the active profile (a roll-out preset), or the platform default. */
  source: 'user' | 'profile' | 'default';
}

export interface DesktopSettings {
  /** False in the browser host: these settings belong to the desktop app. */
  available: boolean;
  platform: 'windows' | 'macos' | 'linux' | 'other';
  startAtLogin: DesktopSetting;
  /** Closing the window keeps the console running in the tray (Windows, Linux). On macOS the app stays in the Dock either way. */
  closeToTray: DesktopSetting;
}

/** Longest pause the board or the tray may ask for: one working day. */
export const MAX_ALERT_PAUSE_MINUTES = 12 * 60;

export const desktopInvoke = {
  'alerts:state': invoke<AlertsState>()(z.undefined()),
  'alerts:pause': invoke<AlertsState>()(z.object({ minutes: z.number().int().min(1).max(MAX_ALERT_PAUSE_MINUTES) }).strict()),
  'alerts:resume': invoke<AlertsState>()(z.undefined()),
  /** The board's reds changed (members and queues over their red threshold). */
  'alerts:red-count': invoke<AlertsState>()(z.object({ members: z.number().int().min(0).max(1_000_000), queues: z.number().int().min(0).max(100_000) }).strict()),
  /**
   * Deliver one threshold alert through the operating system (Electron): it
   * shows while the window is hidden, and clicking it opens `target`. The board
   * decides whether to alert; this only delivers. `delivered: false` where
   * there is no native delivery (the browser host uses the page's Notification).
   */
  'alerts:notify': invoke<{ delivered: boolean }>()(
    z.object({ title: z.string().min(1).max(200), body: z.string().max(500), tag: z.string().min(1).max(200), target: openTargetSchema }).strict(),
  ),
  'desktop:settings': invoke<DesktopSettings>()(z.undefined()),
  'desktop:settings-set': invoke<DesktopSettings>()(z.object({ startAtLogin: z.boolean().optional(), closeToTray: z.boolean().optional() }).strict()),
};

export const desktopEvents = {
  'alerts:changed': event<AlertsState>(),
  'desktop:settings-changed': event<DesktopSettings>(),
  /** A link or an alert asked for a place in the console; a refused link carries the reason (the renderer checks the target against `openTargetSchema`). */
  'app:open': event<DeepLinkOutcome>(),
};
