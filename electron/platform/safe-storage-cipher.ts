import { safeStorage } from 'electron';
import type { OsSecretCipher } from '../services/vault/os-vault';

/**
 * Electron's safeStorage as the OS vault's cipher. Call after the app's
 * `ready` event (before it, Linux reports the backend as "unknown").
 * The synchronous calls are used because the vault reads secrets while
 * activating a profile; Electron marks them deprecated but keeps them.
 */
export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): OsSecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => {
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : platform;
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
