/**
 * A small persistent JSON document (settings, cache). In Electron it is backed
 * by electron-store, in the browser host and in tests by `conf`; both write the
 * same JSON file format, so a data directory moves between hosts unchanged.
 */
export interface KeyValueStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The file the store writes, for tests that inspect what reaches the disk. */
  readonly path: string;
}

export type KeyValueStoreFactory = (options: { dir: string; name: string }) => KeyValueStore;
