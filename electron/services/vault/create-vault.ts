import path from 'node:path';
import { MemoryVault, VaultError, type SecretVault } from './vault';
import { PassphraseVault } from './passphrase-vault';
import { OsVault } from './os-vault';

/** How this run keeps secrets: chosen by the host from its flags. */
export interface VaultSetup {
  /** Folder holding vault.json. */
  dataDir: string;
  /** --demo: secrets live in memory only. */
  demo: boolean;
  /** Electron: the OS secret storage (safeStorage); absent = passphrase vault (browser host). */
  osCipher?: import('./os-vault').OsSecretCipher;
  /** Environment variable holding the passphrase (browser host, --vault-passphrase-env). */
  vaultPassphraseEnv?: string;
}

/**
 * The vault could not be opened as the start-up flags asked (a missing
 * variable, a wrong passphrase): the hosts stop with exit code 2.
 */
export class VaultSetupError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'VaultSetupError';
  }
}

/** The vault for this run: memory in --demo, safeStorage in Electron, a passphrase file in the browser host. */
export function createVault(options: Pick<VaultSetup, 'dataDir' | 'demo' | 'osCipher'>): SecretVault {
  if (options.demo) return new MemoryVault();
  const file = path.join(options.dataDir, 'vault.json');
  return options.osCipher ? new OsVault(file, options.osCipher) : new PassphraseVault(file);
}

/**
 * --vault-passphrase-env NAME: unlock at start. The variable is removed from
 * this process's environment afterwards so no child process inherits it. A
 * missing variable or a wrong passphrase stops the start (exit code 2); the
 * vault file is not touched.
 */
export async function unlockFromEnvironment(vault: SecretVault, options: Pick<VaultSetup, 'vaultPassphraseEnv' | 'demo'>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const name = options.vaultPassphraseEnv;
  if (!name || options.demo) return;
  const passphrase = env[name];
  delete env[name];
  if (!passphrase) throw new VaultSetupError(`--vault-passphrase-env ${name}: the environment variable ${name} is not set or empty.`);
  try {
    await vault.unlock(passphrase);
  } catch (error) {
    if (error instanceof VaultError) throw new VaultSetupError(`--vault-passphrase-env ${name}: ${error.message}`);
    throw error;
  }
}
