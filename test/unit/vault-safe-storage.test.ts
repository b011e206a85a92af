import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real safeStorage needs a running Electron; this fake records what the adapter asks of it.
const fake = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as string,
  calls: [] as string[],
}));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => {
      fake.calls.push('isEncryptionAvailable');
      return fake.available;
    },
    getSelectedStorageBackend: () => {
      fake.calls.push('getSelectedStorageBackend');
      return fake.backend;
    },
    encryptString: (text: string) => {
      fake.calls.push('encryptString');
      return Buffer.from(`enc:${Buffer.from(text).toString('hex')}`);
    },
    decryptString: (data: Buffer) => {
      fake.calls.push('decryptString');
      return Buffer.from(data.toString().slice(4), 'hex').toString();
    },
  },
}));

import { createSafeStorageCipher } from '../../electron/platform/safe-storage-cipher';
import { OsVault } from '../../electron/services/vault/os-vault';

describe('safeStorage cipher adapter', () => {
  beforeEach(() => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    fake.calls = [];
  });

  it('asks Linux which backend is selected, and names the OS facility elsewhere', () => {
    expect(createSafeStorageCipher('linux').backend()).toBe('gnome_libsecret');
    expect(fake.calls).toContain('getSelectedStorageBackend');
    fake.calls = [];
    expect(createSafeStorageCipher('darwin').backend()).toBe('keychain');
    expect(createSafeStorageCipher('win32').backend()).toBe('dpapi');
    expect(fake.calls).not.toContain('getSelectedStorageBackend');
  });

  it('encrypts and decrypts through safeStorage', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-storage-'));
    const vault = new OsVault(path.join(dir, 'vault.json'), createSafeStorageCipher('linux'));
    vault.set('profile:a', 'hunter2!');
    expect(fake.calls).toContain('encryptString');
    expect(vault.get('profile:a')).toBe('hunter2!');
    expect(fake.calls).toContain('decryptString');
    expect(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8')).not.toContain('hunter2!');
    fs.rmSync(dir, { recursive: true });
  });

  it('on Linux with basic_text, refuses to store until accepted', () => {
    fake.backend = 'basic_text';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-storage-'));
    const vault = new OsVault(path.join(dir, 'vault.json'), createSafeStorageCipher('linux'));
    expect(vault.status().state).toBe('needs-consent');
    expect(() => vault.set('profile:a', 'hunter2!')).toThrow(/basic_text/);
    expect(fake.calls).not.toContain('encryptString');
    vault.acceptWeakStorage();
    vault.set('profile:a', 'hunter2!');
    expect(vault.get('profile:a')).toBe('hunter2!');
    fs.rmSync(dir, { recursive: true });
  });

  it('reports unavailable encryption', () => {
    fake.available = false;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-storage-'));
    const vault = new OsVault(path.join(dir, 'vault.json'), createSafeStorageCipher('linux'));
    expect(vault.status().state).toBe('unavailable');
    fs.rmSync(dir, { recursive: true });
  });
});
