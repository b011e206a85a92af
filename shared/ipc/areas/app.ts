import { z } from 'zod';
import { event, invoke } from '../define';
import type { MainMessage, ServerStatus } from '../../domain/status';
import { preferencesPatchSchema, type Preferences } from '../../domain/preferences';

export interface AppInfo {
  name: string;
  version: string;
  /** Which host serves this renderer. */
  host: 'electron' | 'web';
  /** Running against the embedded lab (--demo). */
  demo: boolean;
  /** The active site profile's name, or null when none is configured yet. */
  profileName: string | null;
  /** Which servers the active profile configures (the navigation and the status bar follow it); null when no profile is active. */
  systems: ConfiguredSystems | null;
}

export interface ConfiguredSystems {
  uccx: boolean;
  cupi: boolean;
  reports: boolean;
  finesse: boolean;
}

export const appInvoke = {
  'app:info': invoke<AppInfo>()(z.undefined()),
  'status:get': invoke<ServerStatus[]>()(z.undefined()),
  'preferences:get': invoke<Preferences>()(z.undefined()),
  'preferences:set': invoke<Preferences>()(preferencesPatchSchema),
};

export const appEvents = {
  /** The whole status list, whenever any server's state changes. */
  'status:changed': event<ServerStatus[]>(),
  /** A message for the notification area (errors that are not answers to a request): the English, and the same by message id (`said`) for the renderer to say in the user's language. */
  'app:notice': event<{ level: 'info' | 'warning' | 'error'; message: string; said?: MainMessage }>(),
  /**
   * The renderer's own connection to the console host was lost or came back.
   * Emitted by the renderer's transport itself, never published by main (the
   * event bus refuses it: see MainEventChannel). The browser host's WebSocket
   * emits it on every change; Electron's IPC never drops, so it never fires there.
   */
  'host:connection': event<{ connected: boolean }>(),
};

/** Events a transport emits on its own side; main never publishes them. */
export type TransportEventChannel = 'host:connection';
