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

export interface ConfigCacheOptions {
  /**
   * The active profile's secrets. A second line of defence: should a server
   * ever echo one back (a misconfigured proxy, a field we did not expect), it
   * is replaced before anything reaches the disk.
   */
  secrets?: () => readonly string[];
  /** Told when a secret was removed from a value (never told the secret). */
  onSecretRemoved?: (area: string, key: string) => void;
}

export class ConfigCache {
  constructor(
    private readonly store: KeyValueStore,
    private readonly options: ConfigCacheOptions = {},
  ) {}

  /** `area` is e.g. "uccx" or "cupi"; `key` e.g. "resource:list" or "resource:jdoe". */
  put<T>(area: string, key: string, value: T, fetchedAt = Date.now()): void {
    this.store.set(this.storeKey(area, key), { value: this.withoutSecrets(area, key, value), fetchedAt } satisfies CachedValue<T>);
  }

  private withoutSecrets<T>(area: string, key: string, value: T): T {
    const secrets = (this.options.secrets?.() ?? []).filter((s) => s.length >= 3);
    if (secrets.length === 0 || value === undefined) return value;
    const text = JSON.stringify(value);
    let cleaned = text;
    for (const secret of secrets) {
      // Compare in JSON-escaped form, as the secret would appear inside a JSON string.
      for (const form of new Set([JSON.stringify(secret).slice(1, -1), Buffer.from(secret, 'utf8').toString('base64')])) {
        if (cleaned.includes(form)) cleaned = cleaned.split(form).join('***');
      }
    }
    if (cleaned === text) return value;
    this.options.onSecretRemoved?.(area, key);
    return JSON.parse(cleaned) as T;
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
