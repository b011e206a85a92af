import { useEffect, useState } from 'react';
import { call, getApi, onReconnect } from '../../api/client';
import { CheckField } from '../../components/Field';
import { pushNotice } from '../../store/app-store';
import type { DesktopSetting, DesktopSettings } from '../../../../shared/ipc/areas/desktop';

const SOURCE_WORDS: Record<DesktopSetting['source'], string> = {
  user: 'your choice',
  profile: 'preset by the profile',
  default: 'the default on this computer',
};

/**
 * The desktop app's own settings: start at login and keeping the console in
 * the tray when its window is closed. In the browser host they do not apply,
 * and the panel says so instead of offering switches that would do nothing.
 */
export function DesktopSettingsPanel() {
  const [settings, setSettings] = useState<DesktopSettings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const read = () => void call('desktop:settings', undefined).then(setSettings, () => undefined);
    const off = getApi().on('desktop:settings-changed', setSettings);
    const offReconnect = onReconnect(read);
    read();
    return () => {
      off();
      offReconnect();
    };
  }, []);

  const change = async (patch: { startAtLogin?: boolean; closeToTray?: boolean }) => {
    setSaving(true);
    try {
      setSettings(await call('desktop:settings-set', patch));
    } catch (error) {
      pushNotice('error', `The desktop setting was not changed: ${(error as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  if (!settings) return null;
  return (
    <section className="panel desktop-settings" aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">Desktop app</h2>
      {settings.available ? (
        <fieldset disabled={saving} className="desktop-settings-fields">
          <legend className="visually-hidden">Desktop app settings</legend>
          <CheckField id="desktop-start-at-login" label="Start Supervisor Console when I sign in to this computer" checked={settings.startAtLogin.value} onChange={(checked) => void change({ startAtLogin: checked })} />
          <p className="muted field-hint">Now: {SOURCE_WORDS[settings.startAtLogin.source]}.</p>
          {settings.platform === 'macos' ? (
            <p className="muted">Closing the window keeps the console running in the Dock, as on every Mac; Quit (⌘Q) ends it.</p>
          ) : (
            <>
              <CheckField
                id="desktop-close-to-tray"
                label="Keep running in the tray when the window is closed (the board, its alerts and queued changes go on)"
                checked={settings.closeToTray.value}
                onChange={(checked) => void change({ closeToTray: checked })}
              />
              <p className="muted field-hint">Now: {SOURCE_WORDS[settings.closeToTray.source]}. Quit from the tray icon's menu ends the console.</p>
            </>
          )}
        </fieldset>
      ) : (
        <p className="muted" data-testid="desktop-settings-browser">
          Start at login and keeping the console in the tray apply to the desktop app only. In the browser, the console runs as long as its host
          (npm run web) does; threshold alerts use the browser's notifications.
        </p>
      )}
    </section>
  );
}
