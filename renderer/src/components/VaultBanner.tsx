import { useEffect, useState } from 'react';
import { keepCurrent } from '../api/client';
import { navigate, useAppStore } from '../store/app-store';
import type { VaultStatus } from '../../../shared/domain/profile';
import { sayMain, useT } from '../i18n/i18n';

/**
 * Frame-wide notice while the credential vault cannot be used: every screen
 * that needs a server waits for it, so the user must see why from anywhere.
 */
export function VaultBanner() {
  const t = useT();
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const route = useAppStore((s) => s.route);
  useEffect(() => keepCurrent('vault:changed', 'vault:status', setVault, () => setVault(null)), []);
  if (!vault || vault.state === 'unlocked' || route === 'connections') return null;
  return (
    <div className="banner banner-warning vault-banner" role="alert">
      <span aria-hidden="true">⚠</span> <span data-main-text={vault.detailMessage ? undefined : ''}>{sayMain(vault.detailMessage, vault.detail)}</span>{' '}
      <button type="button" onClick={() => navigate('connections')}>
        {t('frame.vault.openConnections')}
      </button>
    </div>
  );
}
