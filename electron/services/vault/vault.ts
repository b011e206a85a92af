import type { VaultStatus } from '../../../shared/domain/profile';
import type { MainMessage } from '../../../shared/domain/main-message';
import { ConsoleError } from '../../../shared/ipc/result';

/**
 * Where the secrets of saved profiles live: passwords and header values,
 * encrypted at rest, readable by the main process only. Three kinds:
 * a passphrase vault (browser host), the OS vault (Electron safeStorage) and
 * a memory vault (demo lab, nothing written).
 */
export interface SecretVault {
  status(): VaultStatus;
  /** Secrets can be read and written now. */
  readonly usable: boolean;
  /** Browser host: open (or create) the vault with the passphrase. */
  unlock(passphrase: string): Promise<void>;
  /** Electron on Linux without a keyring: the user accepts basic_text storage. */
  acceptWeakStorage(): void;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
}

/** A vault operation that cannot happen now; the message says what to do, also by id (`said`). Never contains a secret. */
export class VaultError extends ConsoleError {
  constructor(
    code: 'unavailable' | 'rejected' | 'internal',
    message: string,
    said?: MainMessage,
  ) {
    super(code, message, undefined, said);
    this.name = 'VaultError';
  }
}

/** Secrets of the demo lab: held in memory, never written. */
export class MemoryVault implements SecretVault {
  private readonly values = new Map<string, string>();
  readonly usable = true;

  status(): VaultStatus {
    return { kind: 'memory', state: 'unlocked', exists: false, detail: 'Demo lab: credentials are held in memory only and never written.', detailMessage: { id: 'main.vault.memory' } };
  }

  async unlock(): Promise<void> {}
  acceptWeakStorage(): void {}

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}
