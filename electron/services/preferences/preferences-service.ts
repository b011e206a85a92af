import { EventEmitter } from 'node:events';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import { DEFAULT_PREFERENCES, MAX_PREFERENCES_BYTES, preferencesSchema, validatePreferenceSections, type Preferences, type PreferencesPatch } from '../../../shared/domain/preferences';
import type { KeyValueStore } from '../storage/key-value-store';
import type { Logger } from '../log/logger';

/** Interface preferences (theme, language, per-screen sections), persisted under --data-dir; 'changed' after each save (the desktop shell follows the language). */
export class PreferencesService extends EventEmitter<{ changed: [Preferences] }> {
  private current: Preferences;

  constructor(
    private readonly store: KeyValueStore,
    log: Logger,
  ) {
    super();
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

  /**
   * Shallow merge: `sections` replaces only the sections named in the patch.
   * The result is checked against the stored format (bounds included) and
   * written before it is kept: what cannot be stored is refused, not held.
   */
  update(patch: PreferencesPatch): Preferences {
    // The screens' own rules (the board's thresholds): the same check the editor runs before it saves.
    refuseInvalid('The preferences', validatePreferenceSections(patch.sections));
    const parsed = preferencesSchema.safeParse({
      theme: patch.theme ?? this.current.theme,
      ...((patch.language ?? this.current.language) ? { language: patch.language ?? this.current.language } : {}),
      sections: { ...this.current.sections, ...patch.sections },
    });
    if (!parsed.success) {
      throw new ConsoleError('invalid_payload', `The preferences were not saved: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    }
    const size = Buffer.byteLength(JSON.stringify(parsed.data));
    if (size > MAX_PREFERENCES_BYTES) {
      throw new ConsoleError('payload_too_large', `The preferences were not saved: they would take ${size} bytes; the limit is ${MAX_PREFERENCES_BYTES}.`);
    }
    this.store.set('preferences', parsed.data);
    this.current = parsed.data;
    this.emit('changed', this.current);
    return this.current;
  }

  section<T>(name: string): T | undefined {
    return this.current.sections[name] as T | undefined;
  }
}
