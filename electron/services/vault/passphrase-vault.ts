import crypto from 'node:crypto';
import fs from 'node:fs';
import type { VaultStatus } from '../../../shared/domain/profile';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { VaultError, type SecretVault } from './vault';

/**
 * The browser host's vault: one JSON file, each secret encrypted with
 * AES-256-GCM under a key derived with scrypt from a passphrase given at start
 * (--vault-passphrase-env) or typed on the page. The key lives in memory only.
 *
 * File format (version 1):
 *   { "version": 1, "cipher": "aes-256-gcm",
 *     "kdf": { "name": "scrypt", "salt": b64, "N": 32768, "r": 8, "p": 1, "keyLength": 32 },
 *     "check": { "nonce": b64, "ciphertext": b64, "tag": b64 },
 *     "secrets": { "<name>": { "nonce": b64, "ciphertext": b64, "tag": b64 } } }
 * `check` encrypts a known text so a wrong passphrase is recognised before
 * anything is written. Each secret's name is its additional authenticated
 * data, so entries cannot be swapped between names unnoticed.
 */
export const VAULT_FILE_VERSION = 1;
const CIPHER = 'aes-256-gcm';
const CHECK_TEXT = 'supervisor-console vault check';
const CHECK_NAME = '\u0000check';

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** Interactive-login strength (about 100 ms, 32 MiB); tests pass cheaper ones. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 32768, r: 8, p: 1, keyLength: 32 };

interface SealedValue {
  nonce: string;
  ciphertext: string;
  tag: string;
}

interface VaultFile {
  version: number;
  cipher: string;
  kdf: { name: 'scrypt'; salt: string } & ScryptParameters;
  check: SealedValue;
  secrets: Record<string, SealedValue>;
}

export class PassphraseVault implements SecretVault {
  private key: Buffer | null = null;
  private document: VaultFile | null = null;
  private readonly plain = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly scrypt: ScryptParameters = DEFAULT_SCRYPT,
  ) {}

  get usable(): boolean {
    return this.key !== null;
  }

  status(): VaultStatus {
    const exists = fs.existsSync(this.file);
    if (this.key) return { kind: 'passphrase', state: 'unlocked', exists, detail: 'Vault unlocked: saved passwords are encrypted with your passphrase (AES-256-GCM).', detailMessage: { id: 'main.vault.unlocked' } };
    return {
      kind: 'passphrase',
      state: 'locked',
      exists,
      detail: exists
        ? 'The credential vault is locked: enter its passphrase to use saved passwords.'
        : 'No credential vault yet: choose a passphrase to create one (at least 8 characters).',
      detailMessage: { id: exists ? 'main.vault.locked' : 'main.vault.none' },
    };
  }

  async unlock(passphrase: string): Promise<void> {
    if (!passphrase) throw new VaultError('rejected', 'The vault passphrase is empty.', { id: 'errors.vault.emptyPassphrase' });
    const existing = this.readDocument();
    if (!existing) {
      const salt = crypto.randomBytes(16);
      const key = await deriveKey(passphrase, salt, this.scrypt);
      const document: VaultFile = {
        version: VAULT_FILE_VERSION,
        cipher: CIPHER,
        kdf: { name: 'scrypt', salt: salt.toString('base64'), ...this.scrypt },
        check: seal(key, CHECK_NAME, CHECK_TEXT),
        secrets: {},
      };
      writeFileAtomic(this.file, JSON.stringify(document, null, 2));
      this.key = key;
      this.document = document;
      this.plain.clear();
      return;
    }
    const { kdf } = existing;
    const key = await deriveKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
    let check: string;
    try {
      check = open(key, CHECK_NAME, existing.check);
    } catch {
      throw wrongPassphrase();
    }
    if (check !== CHECK_TEXT) throw wrongPassphrase();
    const plain = new Map<string, string>();
    for (const [name, sealed] of Object.entries(existing.secrets)) {
      try {
        plain.set(name, open(key, name, sealed));
      } catch {
        throw new VaultError('internal', `The vault entry "${name}" is damaged (its authentication tag does not match). The vault file was not changed.`, { id: 'errors.vault.entryDamaged', values: { name } });
      }
    }
    this.key = key;
    this.document = existing;
    this.plain.clear();
    for (const [name, value] of plain) this.plain.set(name, value);
  }

  acceptWeakStorage(): void {}

  get(key: string): string | undefined {
    this.requireUnlocked();
    return this.plain.get(key);
  }

  set(key: string, value: string): void {
    const { key: secretKey, document } = this.requireUnlocked();
    const next: VaultFile = { ...document, secrets: { ...document.secrets, [key]: seal(secretKey, key, value) } };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.document = next;
    this.plain.set(key, value);
  }

  delete(key: string): void {
    const { document } = this.requireUnlocked();
    if (!(key in document.secrets)) return;
    const secrets = { ...document.secrets };
    delete secrets[key];
    const next: VaultFile = { ...document, secrets };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.document = next;
    this.plain.delete(key);
  }

  keys(): string[] {
    this.requireUnlocked();
    return [...this.plain.keys()];
  }

  private requireUnlocked(): { key: Buffer; document: VaultFile } {
    if (!this.key || !this.document) throw new VaultError('unavailable', 'The credential vault is locked: unlock it in Connections first.', { id: 'errors.vault.locked' });
    return { key: this.key, document: this.document };
  }

  /** The file as written, validated; null when there is none. A damaged file is an error, never overwritten. */
  private readDocument(): VaultFile | null {
    let data: unknown;
    try {
      data = readJsonFile(this.file);
    } catch (error) {
      const reason = (error as Error).message;
      throw new VaultError('internal', `The vault file ${this.file} cannot be read (${reason}). It was left untouched.`, { id: 'errors.vault.fileUnreadable', values: { file: this.file, reason } });
    }
    if (data === null) return null;
    const doc = data as Partial<VaultFile>;
    if (doc.version !== VAULT_FILE_VERSION || doc.cipher !== CIPHER || doc.kdf?.name !== 'scrypt' || !doc.check || typeof doc.secrets !== 'object') {
      const [version, cipher] = [String(doc.version), String(doc.cipher)];
      throw new VaultError('internal', `The vault file ${this.file} has an unknown format (version ${version}, cipher ${cipher}). It was left untouched.`, {
        id: 'errors.vault.unknownFormat',
        values: { file: this.file, version, cipher },
      });
    }
    return doc as VaultFile;
  }
}

/** The passphrase does not open the vault. */
function wrongPassphrase(): VaultError {
  return new VaultError('rejected', 'The vault passphrase is wrong. Nothing was changed; try again.', { id: 'errors.vault.wrongPassphrase' });
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes.
    const maxmem = 256 * params.N * params.r;
    crypto.scrypt(passphrase.normalize('NFC'), salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(new VaultError('internal', `The vault key could not be derived: ${error.message}`)) : resolve(key),
    );
  });
}

const AUTH_TAG_BYTES = 16;

function additionalData(name: string): Buffer {
  return Buffer.from(`supervisor-console-vault:v${VAULT_FILE_VERSION}:${name}`, 'utf8');
}

function seal(key: Buffer, name: string, value: string): SealedValue {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(CIPHER, key, nonce, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(additionalData(name));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function open(key: Buffer, name: string, sealed: SealedValue): string {
  // A fixed tag length: GCM would otherwise accept a truncated tag, which is far easier to forge.
  const decipher = crypto.createDecipheriv(CIPHER, key, Buffer.from(sealed.nonce, 'base64'), { authTagLength: AUTH_TAG_BYTES });
  decipher.setAAD(additionalData(name));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
