import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PassphraseVault, type ScryptParameters } from '../../electron/services/vault/passphrase-vault';
import { OsVault, type OsSecretCipher } from '../../electron/services/vault/os-vault';
import { MemoryVault, VaultError } from '../../electron/services/vault/vault';
import { unlockFromEnvironment } from '../../electron/services/vault/create-vault';

// Cheap parameters keep the tests fast; the format records them, so a vault opens with whatever made it.
const FAST: ScryptParameters = { N: 1024, r: 8, p: 1, keyLength: 32 };
const SECRET = 'Pa55-w0rd/with:odd=chars';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function everyFileUnder(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe('passphrase vault (browser host)', () => {
  it('creates a versioned AES-256-GCM file with scrypt parameters and per-secret nonce, ciphertext and tag', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'vault.json');
    const vault = new PassphraseVault(file, FAST);
    expect(vault.status()).toMatchObject({ kind: 'passphrase', state: 'locked', exists: false });
    expect(() => vault.get('x')).toThrow(VaultError);
    await vault.unlock('correct horse battery');
    vault.set('profile:a', SECRET);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ version: 1, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32 } });
    expect(Buffer.from(doc.kdf.salt, 'base64')).toHaveLength(16);
    const entry = doc.secrets['profile:a'];
    expect(Buffer.from(entry.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(entry.tag, 'base64')).toHaveLength(16);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // The secret is not in the file in any readable form.
    const bytes = everyFileUnder(dir);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET).toString('base64'))).toBe(false);
  });

  it('reopens with the right passphrase in a new process-like instance', async () => {
    const file = path.join(tempDir(), 'vault.json');
    const first = new PassphraseVault(file, FAST);
    await first.unlock('correct horse battery');
    first.set('profile:a', SECRET);
    first.set('profile:b', 'other');
    first.delete('profile:b');
    const second = new PassphraseVault(file, FAST);
    await second.unlock('correct horse battery');
    expect(second.get('profile:a')).toBe(SECRET);
    expect(second.get('profile:b')).toBeUndefined();
    expect(second.keys()).toEqual(['profile:a']);
  });

  it('rejects a wrong passphrase with a clear error and leaves the file byte for byte unchanged', async () => {
    const file = path.join(tempDir(), 'vault.json');
    const first = new PassphraseVault(file, FAST);
    await first.unlock('correct horse battery');
    first.set('profile:a', SECRET);
    const before = fs.readFileSync(file);
    const second = new PassphraseVault(file, FAST);
    const error = await second.unlock('wrong horse battery').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('rejected');
    expect((error as Error).message).toMatch(/passphrase is wrong/);
    expect(second.usable).toBe(false);
    expect(() => second.set('profile:a', 'overwrite')).toThrow(/locked/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('detects an entry moved to another name (the name is authenticated)', async () => {
    const file = path.join(tempDir(), 'vault.json');
    const vault = new PassphraseVault(file, FAST);
    await vault.unlock('correct horse battery');
    vault.set('profile:a', SECRET);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.secrets['profile:b'] = doc.secrets['profile:a'];
    fs.writeFileSync(file, JSON.stringify(doc));
    const reopened = new PassphraseVault(file, FAST);
    await expect(reopened.unlock('correct horse battery')).rejects.toThrow(/profile:b.*damaged/);
  });

  it('refuses a truncated authentication tag (a short GCM tag is far easier to forge)', async () => {
    const file = path.join(tempDir(), 'vault.json');
    const vault = new PassphraseVault(file, FAST);
    await vault.unlock('correct horse battery');
    vault.set('profile:a', SECRET);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.secrets['profile:a'].tag = Buffer.from(doc.secrets['profile:a'].tag, 'base64').subarray(0, 4).toString('base64');
    fs.writeFileSync(file, JSON.stringify(doc));
    const reopened = new PassphraseVault(file, FAST);
    await expect(reopened.unlock('correct horse battery')).rejects.toThrow(/profile:a.*damaged/);
  });

  it('refuses a damaged or unknown file without overwriting it', async () => {
    const file = path.join(tempDir(), 'vault.json');
    fs.writeFileSync(file, '{"version": 99}');
    await expect(new PassphraseVault(file, FAST).unlock('correct horse battery')).rejects.toThrow(/unknown format/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version": 99}');
    fs.writeFileSync(file, '{not json');
    await expect(new PassphraseVault(file, FAST).unlock('correct horse battery')).rejects.toThrow(/cannot be read/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{not json');
  });

  it('uses the default scrypt strength (N = 32768) unless told otherwise', async () => {
    const file = path.join(tempDir(), 'vault.json');
    await new PassphraseVault(file).unlock('correct horse battery');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).kdf.N).toBe(32768);
  });

  it('unlocks from --vault-passphrase-env and removes the variable; a wrong one is a usage error (exit 2)', async () => {
    const file = path.join(tempDir(), 'vault.json');
    const env: NodeJS.ProcessEnv = { VAULT_PASS: 'correct horse battery' };
    const vault = new PassphraseVault(file, FAST);
    await unlockFromEnvironment(vault, { vaultPassphraseEnv: 'VAULT_PASS', demo: false }, env);
    expect(vault.usable).toBe(true);
    expect(env.VAULT_PASS).toBeUndefined();
    const again = new PassphraseVault(file, FAST);
    const error = await unlockFromEnvironment(again, { vaultPassphraseEnv: 'VAULT_PASS', demo: false }, { VAULT_PASS: 'nope nope nope' }).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/VAULT_PASS.*wrong/);
    await expect(unlockFromEnvironment(again, { vaultPassphraseEnv: 'MISSING', demo: false }, {})).rejects.toThrow(/MISSING is not set/);
  });
});

/** A stand-in for safeStorage: reversible, but visibly not plain text. */
function fakeCipher(backend: string, available = true): OsSecretCipher & { backendName: string } {
  const key = crypto.randomBytes(32);
  const cipher = {
    backendName: backend,
    isAvailable: () => available,
    backend: () => cipher.backendName,
    encrypt: (text: string) => {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: (data: Buffer) => {
      const d = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
  return cipher;
}

describe('OS vault (Electron safeStorage)', () => {
  it('stores through the OS cipher and reads back', () => {
    const file = path.join(tempDir(), 'vault.json');
    const cipher = fakeCipher('gnome_libsecret');
    const vault = new OsVault(file, cipher);
    expect(vault.status()).toMatchObject({ kind: 'os', state: 'unlocked' });
    vault.set('profile:a', SECRET);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ version: 1, cipher: 'electron-safeStorage', backend: 'gnome_libsecret' });
    expect(new OsVault(file, cipher).get('profile:a')).toBe(SECRET);
  });

  it('refuses basic_text until the user explicitly accepts it, and remembers the consent', () => {
    const file = path.join(tempDir(), 'vault.json');
    const cipher = fakeCipher('basic_text');
    const vault = new OsVault(file, cipher);
    expect(vault.status().state).toBe('needs-consent');
    expect(vault.status().detail).toMatch(/basic_text/);
    expect(() => vault.set('profile:a', SECRET)).toThrow(VaultError);
    expect(fs.existsSync(file)).toBe(false);
    vault.acceptWeakStorage();
    vault.set('profile:a', SECRET);
    const reopened = new OsVault(file, cipher);
    expect(reopened.status().state).toBe('unlocked');
    expect(reopened.get('profile:a')).toBe(SECRET);
  });

  it('stores nothing when encryption is unavailable', () => {
    const file = path.join(tempDir(), 'vault.json');
    const vault = new OsVault(file, fakeCipher('gnome_libsecret', false));
    expect(vault.status().state).toBe('unavailable');
    expect(() => vault.set('profile:a', SECRET)).toThrow(/no encryption/);
    expect(() => vault.acceptWeakStorage()).toThrow(VaultError);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('says so loudly when the backend changed since the secrets were stored', () => {
    const file = path.join(tempDir(), 'vault.json');
    const cipher = fakeCipher('kwallet5');
    new OsVault(file, cipher).set('profile:a', SECRET);
    cipher.backendName = 'gnome_libsecret';
    const vault = new OsVault(file, cipher);
    expect(vault.status()).toMatchObject({ state: 'unavailable' });
    expect(vault.status().detail).toMatch(/kwallet5.*gnome_libsecret/);
    expect(() => vault.get('profile:a')).toThrow(VaultError);
  });
});

describe('memory vault (demo)', () => {
  it('keeps values in memory only', () => {
    const vault = new MemoryVault();
    vault.set('k', SECRET);
    expect(vault.get('k')).toBe(SECRET);
    expect(vault.status()).toMatchObject({ kind: 'memory', state: 'unlocked', exists: false });
  });
});
