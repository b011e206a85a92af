import { useEffect, useState } from 'react';
import { call, getApi, onReconnect } from '../../api/client';
import { CheckField } from '../../components/Field';
import { pushNotice } from '../../store/app-store';
import type { DesktopSetting, DesktopSettings } from '../../../../shared/ipc/areas/desktop';
import { t as translate, useT, type MessageId } from '../../i18n/i18n';

const SOURCE_WORDS: Record<DesktopSetting['source'], MessageId> = {
  user: 'desktop.source.user',
  profile: 'desktop.source.profile',
  default: 'desktop.source.default',
};

/**
 * The desktop app's own settings: start at login and keeping the console in
 * the tray when its window is closed. In the browser host they do not apply,
 * and the panel says so instead of offering switches that would do nothing.
 */
export function DesktopSettingsPanel() {
  const t = useT();
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
      pushNotice('error', translate('desktop.notice.failed', { message: (error as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  if (!settings) return null;
  return (
    <section className="panel desktop-settings" aria-labelledby="desktop-settings-title">
      <h2 id="desktop-settings-title">{t('desktop.title')}</h2>
      {settings.available ? (
        <fieldset disabled={saving} className="desktop-settings-fields">
          <legend className="visually-hidden">{t('desktop.legend')}</legend>
          <CheckField id="desktop-start-at-login" label={t('desktop.startAtLogin')} checked={settings.startAtLogin.value} onChange={(checked) => void change({ startAtLogin: checked })} />
          <p className="muted field-hint">{t('desktop.now', { source: t(SOURCE_WORDS[settings.startAtLogin.source]) })}</p>
          {settings.platform === 'macos' ? (
            <p className="muted">{t('desktop.macDock')}</p>
          ) : (
            <>
              <CheckField
                id="desktop-close-to-tray"
                label={t('desktop.closeToTray')}
                checked={settings.closeToTray.value}
                onChange={(checked) => void change({ closeToTray: checked })}
              />
              <p className="muted field-hint">
                {t('desktop.now', { source: t(SOURCE_WORDS[settings.closeToTray.source]) })} {t('desktop.trayQuit')}
              </p>
            </>
          )}
        </fieldset>
      ) : (
        <p className="muted" data-testid="desktop-settings-browser">
          {t('desktop.browserNote')}
        </p>
      )}
    </section>
  );
}
