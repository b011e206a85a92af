import type { KeyValueStore } from '../storage/key-value-store';

/**
 * The offline cache of one profile: every list and object read from UCCX or
 * CUPI, with the time it was fetched, so the editors can open read-only
 * ("as of <time>") when the servers are unreachable. Never holds secrets:
 * clients cache server payloads, and the servers never return passwords or PINs.
 */
export interface CachedValue<T> {
  value: T;
  /** Epoch ms when the value was read from the server. */
  fetchedAt: number;
}

export class ConfigCache {
  constructor(private readonly store: KeyValueStore) {}

  /** `area` is e.g. "uccx" or "cupi"; `key` e.g. "resource:list" or "resource:jdoe". */
  put<T>(area: string, key: string, value: T, fetchedAt = Date.now()): void {
    this.store.set(this.storeKey(area, key), { value, fetchedAt } satisfies CachedValue<T>);
  }

  get<T>(area: string, key: string): CachedValue<T> | undefined {
    const entry = this.store.get<CachedValue<T>>(this.storeKey(area, key));
    return entry && typeof entry.fetchedAt === 'number' ? entry : undefined;
  }

  delete(area: string, key: string): void {
    this.store.delete(this.storeKey(area, key));
  }

  get path(): string {
    return this.store.path;
  }

  // conf treats dots as nested paths; keys from servers may contain dots (prompt file names).
  private storeKey(area: string, key: string): string {
    return `${area}\u241F${key}`.replaceAll('.', '\u2024');
  }
}
