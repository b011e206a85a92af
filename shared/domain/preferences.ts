import { z } from 'zod';
import { boundedJsonSchema, type JsonBounds } from './bounded-json';
import { validateBoardSection } from './board';
import { within, type FieldError } from './validation';

/**
 * Per-user interface preferences, persisted by main under --data-dir. Each
 * screen owns one section; unknown or invalid sections fall back to defaults
 * so a damaged file never stops the console from opening.
 */
export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

/**
 * The interface language: "system" follows the OS or browser (navigator.languages);
 * "pseudo" is the test pseudo-locale (docs/i18n.md), not offered in the picker.
 */
export const languageSchema = z.enum(['system', 'en', 'de', 'es', 'pseudo']);
export type Language = z.infer<typeof languageSchema>;
/** A language with a catalogue (or the pseudo-locale): what a preference resolves to. */
export type CatalogueLanguage = Exclude<Language, 'system'>;
const SPOKEN: ReadonlySet<string> = new Set(['en', 'de', 'es']);

/**
 * The catalogue for a preference: the chosen language, or for "system" the
 * first of the OS's or browser's preferred languages (BCP 47 tags, best
 * first) that the console speaks; else English. The page and the desktop
 * shell (tray, menus) choose alike.
 */
export function resolveLanguage(preference: Language | undefined, tags: readonly string[]): CatalogueLanguage {
  if (preference && preference !== 'system') return preference;
  for (const tag of tags) {
    const primary = tag.toLowerCase().split('-')[0]!;
    if (SPOKEN.has(primary)) return primary as CatalogueLanguage;
  }
  return 'en';
}

/**
 * The BCP 47 tag numbers, dates and times follow: the OS's or browser's own
 * tag when it is the same language (so en-GB keeps its 24-hour clock and
 * de-CH its number format), else the language alone.
 */
export function formattingLocale(language: CatalogueLanguage, tags: readonly string[]): string {
  if (language === 'pseudo') return 'en';
  const own = tags.find((tag) => tag.toLowerCase().split('-')[0] === language);
  if (own) {
    try {
      return Intl.getCanonicalLocales(own)[0] ?? language;
    } catch {
      // A malformed tag from the system: the language alone.
    }
  }
  return language;
}

/**
 * Bounds of the sections: the board's filters and thresholds and the journey's
 * recent lookups are a few kilobytes; these limits leave room and keep a
 * hostile request from storing anything that costs to read back.
 */
export const SECTION_BOUNDS: JsonBounds = { maxDepth: 8, maxStringLength: 2_000, maxArrayLength: 500, maxKeys: 200, maxKeyLength: 64 };
export const MAX_SECTIONS = 32;
/** The whole preferences object, as JSON text. */
export const MAX_PREFERENCES_BYTES = 256 * 1024;

const sectionName = z.string().min(1).max(64);
/** Typed `unknown`: each screen reads its own section defensively. */
const sectionValue: z.ZodType<unknown> = boundedJsonSchema(SECTION_BOUNDS);
const sections = z
  .record(sectionName, sectionValue)
  .refine((value) => Object.keys(value).length <= MAX_SECTIONS, `at most ${MAX_SECTIONS} sections`);

export const preferencesSchema = z.object({
  theme: themeSchema.default('system'),
  /** Absent means "system" (files written before the language setting have none). */
  language: languageSchema.optional(),
  /** Sections owned by individual screens (board filters, thresholds, ...), JSON validated by their owners. */
  sections: sections.default({}),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesPatchSchema = z
  .object({
    theme: themeSchema.optional(),
    language: languageSchema.optional(),
    sections: sections.optional(),
  })
  .strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', sections: {} };

/**
 * Problems with the sections a preferences patch sets, by the rules of the
 * screen that owns each (today the board's thresholds). Main refuses a patch
 * with any; fields are named "sections.<section>.<field>".
 */
export function validatePreferenceSections(sections: Record<string, unknown> | undefined): FieldError[] {
  if (!sections) return [];
  return 'board' in sections ? within('sections.board.', validateBoardSection(sections.board)) : [];
}
