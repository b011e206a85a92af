import Conf from 'conf';
import { privateStoreOptions, tightenFile } from './private-files';
import type { KeyValueStore, KeyValueStoreFactory } from './key-value-store';

/** KeyValueStore over `conf` (what electron-store wraps): used by the browser host and tests. */
export const createConfStore: KeyValueStoreFactory = ({ dir, name }) => {
  const conf = new Conf<Record<string, unknown>>({
    ...privateStoreOptions(dir),
    configName: name,
    projectName: 'supervisor-console',
    projectVersion: '1',
  });
  tightenFile(conf.path);
  const store: KeyValueStore = {
    get: <T>(key: string) => conf.get(key) as T | undefined,
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
    get path() {
      return conf.path;
    },
  };
  return store;
};
