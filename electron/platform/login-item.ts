import { app } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Start the console when the user signs in, or stop doing so. macOS and
 * Windows keep the list themselves (`app.setLoginItemSettings`); on Linux
 * the desktop's autostart folder holds a .desktop file
 * (freedesktop.org "Desktop Application Autostart").
 */
export function applyStartAtLogin(enabled: boolean, options: { platform?: NodeJS.Platform; autostartDir?: string; executable?: string } = {}): void {
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  if (platform !== 'linux') return;
  const dir = options.autostartDir ?? path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart');
  const file = path.join(dir, 'supervisor-console.desktop');
  if (!enabled) {
    fs.rmSync(file, { force: true });
    return;
  }
  // An AppImage runs from a temporary mount: start the AppImage file itself.
  const executable = options.executable ?? process.env.APPIMAGE ?? process.execPath;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, autostartEntry(executable), { mode: 0o644 });
}

/** The autostart entry; the path is quoted as the Desktop Entry spec asks. */
export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Supervisor Console', `Exec=${quoted}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}
