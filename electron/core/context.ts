import type { EventBus } from './event-bus';
import type { StatusRegistry } from '../services/status/status-registry';
import type { PreferencesService } from '../services/preferences/preferences-service';
import type { KeyValueStoreFactory } from '../services/storage/key-value-store';
import type { Logger } from '../services/log/logger';
import type { SiteManager } from '../services/site/site-manager';
import type { HttpClient } from '../services/net/http-client';
import type { TrustStore } from '../services/net/trust-store';
import type { Lab } from '../../lab';
import type { VaultSetup } from '../services/vault/create-vault';

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
  /** Options for the embedded lab in demo mode (tests use them for load and latency). */
  labOptions?: import('../../lab').LabOptions;
}

/** What every area of the core may use; built once by createConsoleCore. */
export interface CoreContext {
  readonly options: CoreOptions;
  readonly events: EventBus;
  readonly status: StatusRegistry;
  readonly preferences: PreferencesService;
  readonly log: Logger;
  /** The active site profile; services attach to it to start and stop with profile switches. */
  readonly site: SiteManager;
  /** Pinned certificates, shared by every client. */
  readonly trust: TrustStore;
  readonly http: HttpClient;
  /** The embedded lab in --demo mode (tests reach its control API through it), else null. */
  readonly lab: Lab | null;
  /** Register work to run on shutdown (end subscriptions, flush journals). Runs in reverse order. */
  onShutdown(task: () => Promise<void> | void): void;
}
