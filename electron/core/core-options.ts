import type { KeyValueStoreFactory } from '../services/storage/key-value-store';
import type { VaultSetup } from '../services/vault/create-vault';
import type { DesktopPorts } from '../services/desktop/desktop-service';

export interface CoreOptions {
  /** Every file the console writes lives below this folder. */
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  /** Run against the embedded lab. */
  demo: boolean;
  /** Connection profile file to import at start (--profile). */
  profileFile?: string;
  /** Environment variable holding the vault passphrase (browser host). */
  vaultPassphraseEnv?: string;
  /** electron-store in Electron, conf elsewhere. */
  storeFactory: KeyValueStoreFactory;
  /** Electron: the OS secret storage (safeStorage) for the vault; absent = passphrase vault (browser host). */
  osCipher?: VaultSetup['osCipher'];
  /** Electron: the tray, native alerts and start at login (electron/platform/); absent in the browser host. */
  desktopPorts?: DesktopPorts;
  /** Options for the embedded lab in demo mode (tests use them for load and latency). */
  labOptions?: import('../../lab').LabOptions;
}
