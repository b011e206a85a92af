import ElectronStore from 'electron-store';
import type { KeyValueStore, KeyValueStoreFactory } from '../services/storage/key-value-store';
import { privateStoreOptions, tightenFile } from '../services/storage/private-files';

/** KeyValueStore over electron-store: the same private JSON files `conf` writes in the browser host. */
export const createElectronStore: KeyValueStoreFactory = ({ dir, name }) => {
  const store = new ElectronStore<Record<string, unknown>>({ ...privateStoreOptions(dir), name });
  tightenFile(store.path);
  return {
    get: <T>(key: string) => store.get(key) as T | undefined,
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    get path() {
      return store.path;
    },
  } satisfies KeyValueStore;
};
