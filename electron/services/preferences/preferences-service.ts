import { DEFAULT_PREFERENCES, preferencesSchema, type Preferences, type PreferencesPatch } from '../../../shared/domain/preferences';
import type { KeyValueStore } from '../storage/key-value-store';
import type { Logger } from '../log/logger';

/** Interface preferences (theme, per-screen sections), persisted under --data-dir. */
export class PreferencesService {
  private current: Preferences;

  constructor(
    private readonly store: KeyValueStore,
    log: Logger,
  ) {
    const parsed = preferencesSchema.safeParse(store.get('preferences') ?? {});
    if (parsed.success) {
      this.current = parsed.data;
    } else {
      log.warn('stored preferences were invalid; using defaults', parsed.error.issues.map((i) => i.message));
      this.current = structuredClone(DEFAULT_PREFERENCES);
    }
  }

  get(): Preferences {
    return this.current;
  }

  /** Shallow merge: `sections` replaces only the sections named in the patch. */
  update(patch: PreferencesPatch): Preferences {
    this.current = {
      theme: patch.theme ?? this.current.theme,
      sections: { ...this.current.sections, ...patch.sections },
    };
    this.store.set('preferences', this.current);
    return this.current;
  }

  section<T>(name: string): T | undefined {
    return this.current.sections[name] as T | undefined;
  }
}
