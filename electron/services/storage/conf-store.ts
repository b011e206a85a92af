import Conf from 'conf';
import type { KeyValueStore, KeyValueStoreFactory } from './key-value-store';

/** KeyValueStore over `conf` (what electron-store wraps): used by the browser host and tests. */
export const createConfStore: KeyValueStoreFactory = ({ dir, name }) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    projectName: 'supervisor-console',
    // The console validates its own data; conf's clearInvalidConfig would silently wipe a damaged file.
    clearInvalidConfig: false,
    projectVersion: '1',
  });
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
