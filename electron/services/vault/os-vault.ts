import type { VaultStatus } from '../../../shared/domain/profile';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { VaultError, type SecretVault } from './vault';

/**
 * The operating system's secret storage as Electron exposes it (safeStorage).
 * The adapter lives in electron/platform; this interface keeps the vault
 * testable under plain Node.
 */
export interface OsSecretCipher {
  isAvailable(): boolean;
  /** Linux: safeStorage.getSelectedStorageBackend() ('gnome_libsecret', 'kwallet5', 'basic_text', ...); elsewhere the OS facility. */
  backend(): string;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/** The Linux fallback that encrypts with a hard-coded key: not protection against anyone who can read the file. */
export const WEAK_BACKEND = 'basic_text';

interface OsVaultFile {
  version: 1;
  cipher: 'electron-safeStorage';
  /** The backend that encrypted the entries; a different one later cannot decrypt them. */
  backend: string;
  /** The user explicitly accepted basic_text storage. */
  weakStorageAccepted: boolean;
  secrets: Record<string, { ciphertext: string }>;
}

/**
 * Electron's vault: each secret encrypted by safeStorage, stored base64 in a
 * versioned JSON file. Refuses to store anything while encryption is
 * unavailable, or while the backend is basic_text until the user accepts it.
 */
export class OsVault implements SecretVault {
  private document: OsVaultFile;

  constructor(
    private readonly file: string,
    private readonly cipher: OsSecretCipher,
  ) {
    let data: unknown;
    try {
      data = readJsonFile(file);
    } catch (error) {
      throw new VaultError('internal', `The vault file ${file} cannot be read (${(error as Error).message}). It was left untouched.`);
    }
    const doc = data as Partial<OsVaultFile> | null;
    if (doc && (doc.version !== 1 || doc.cipher !== 'electron-safeStorage' || typeof doc.secrets !== 'object')) {
      throw new VaultError('internal', `The vault file ${file} has an unknown format. It was left untouched.`);
    }
    this.document = doc ? (doc as OsVaultFile) : { version: 1, cipher: 'electron-safeStorage', backend: '', weakStorageAccepted: false, secrets: {} };
  }

  get usable(): boolean {
    return this.status().state === 'unlocked';
  }

  status(): VaultStatus {
    const exists = Object.keys(this.document.secrets).length > 0 || this.document.backend !== '';
    if (!this.cipher.isAvailable()) {
      return { kind: 'os', state: 'unavailable', exists, detail: 'The operating system offers no encryption for saved passwords, so none can be stored.', detailMessage: { id: 'main.vault.osUnavailable' } };
    }
    const backend = this.cipher.backend();
    if (this.document.backend && this.document.backend !== backend && Object.keys(this.document.secrets).length > 0) {
      return {
        kind: 'os',
        state: 'unavailable',
        exists,
        detail: `Saved passwords were encrypted with "${this.document.backend}" but the system now offers "${backend}"; they cannot be read. Re-enter them after restoring the keyring.`,
        detailMessage: { id: 'main.vault.backendChanged', values: { before: this.document.backend, now: backend } },
      };
    }
    if (backend === WEAK_BACKEND && !this.document.weakStorageAccepted) {
      return {
        kind: 'os',
        state: 'needs-consent',
        exists,
        detail: 'No system keyring is available (Linux basic_text): saved passwords would be protected only by a key built into the browser engine. Store them only if you accept that.',
        detailMessage: { id: 'main.vault.needsConsent' },
      };
    }
    const weak = backend === WEAK_BACKEND ? ' (weaker basic_text storage, accepted by you)' : '';
    return {
      kind: 'os',
      state: 'unlocked',
      exists,
      detail: `Saved passwords are encrypted by the operating system (${backend})${weak}.`,
      detailMessage: { id: 'main.vault.os', values: { backend, weak: weak ? 'yes' : 'no' } },
    };
  }

  async unlock(): Promise<void> {}

  acceptWeakStorage(): void {
    if (!this.cipher.isAvailable()) throw new VaultError('unavailable', 'The operating system offers no encryption; nothing can be stored.', { id: 'errors.vault.noEncryption' });
    this.document = { ...this.document, weakStorageAccepted: true };
    this.write();
  }

  get(key: string): string | undefined {
    this.requireUsable();
    const entry = this.document.secrets[key];
    if (!entry) return undefined;
    try {
      return this.cipher.decrypt(Buffer.from(entry.ciphertext, 'base64'));
    } catch {
      throw new VaultError('internal', `The saved secret "${key}" could not be decrypted by the operating system; enter it again.`, { id: 'errors.vault.undecryptable', values: { key } });
    }
  }

  set(key: string, value: string): void {
    this.requireUsable();
    const ciphertext = this.cipher.encrypt(value).toString('base64');
    this.document = { ...this.document, backend: this.cipher.backend(), secrets: { ...this.document.secrets, [key]: { ciphertext } } };
    this.write();
  }

  delete(key: string): void {
    if (!(key in this.document.secrets)) return;
    const secrets = { ...this.document.secrets };
    delete secrets[key];
    this.document = { ...this.document, secrets };
    this.write();
  }

  keys(): string[] {
    return Object.keys(this.document.secrets);
  }

  private requireUsable(): void {
    const status = this.status();
    if (status.state !== 'unlocked') throw new VaultError('unavailable', status.detail);
  }

  private write(): void {
    writeFileAtomic(this.file, JSON.stringify(this.document, null, 2));
  }
}
