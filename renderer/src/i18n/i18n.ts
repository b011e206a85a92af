/**
 * The console's words in the user's language (docs/i18n.md). Our own words
 * live in message catalogues (`catalogues/<language>.json`, ICU MessageFormat),
 * compiled at build time; English is in the start-up bundle, German and
 * Spanish are loaded only when chosen.
 * Components say `const t = useT()` and `t('connections.title')`; code outside
 * React (stores, toasts) calls `t()` directly. Server data (agent names,
 * reason codes, Cisco's error messages) is never passed through here.
 */
import { setupI18n, type Messages } from '@lingui/core';
import { create } from 'zustand';
import type English from './catalogues/en.json';
import { messages as englishMessages } from 'virtual:catalogue/en';
import { formattingLocale as sharedFormattingLocale, resolveLanguage as resolvePreferredLanguage, type Language } from '../../../shared/domain/preferences';
import type { MainMessage, MainSentence, MainValue } from '../../../shared/domain/main-message';

/** Every message id: the keys of the English catalogue (the compiler rejects an unknown id). */
export type MessageId = keyof typeof English;
export type MessageValues = Record<string, string | number>;

/** The languages a user can choose, each named in itself. */
export const LANGUAGE_NAMES: Record<Exclude<Language, 'system' | 'pseudo'>, string> = { en: 'English', de: 'Deutsch', es: 'Español' };
export type CatalogueLanguage = keyof typeof LANGUAGE_NAMES | 'pseudo';

/**
 * English, the language the messages are written in, is part of the start-up
 * bundle: a console in English paints at once, as it did before it had other
 * languages (no fetch between the page's load and its first render). The
 * others are fetched only when chosen.
 */
const loaders: Record<CatalogueLanguage, () => Promise<{ messages: Messages }>> = {
  en: () => Promise.resolve({ messages: englishMessages }),
  de: () => import('virtual:catalogue/de'),
  es: () => import('virtual:catalogue/es'),
  pseudo: () => import('virtual:catalogue/pseudo'),
};

export const i18n = setupI18n();

interface LocaleState {
  /** The catalogue on screen; null until the first one has loaded. */
  language: CatalogueLanguage | null;
  /** The BCP 47 tag numbers, dates and times follow (e.g. "de-AT" when the browser says so and German is chosen). */
  locale: string;
}

export const useLocaleStore = create<LocaleState>()(() => ({ language: null, locale: 'en' }));

/** The languages the OS or browser prefers, best first (Electron passes the OS's to the page the same way). */
function preferredTags(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

/** The catalogue for a preference: the chosen language, or for "system" the first the OS or browser prefers that we have; else English. */
export function resolveLanguage(preference: Language | undefined, tags: readonly string[] = preferredTags()): CatalogueLanguage {
  return resolvePreferredLanguage(preference, tags);
}

/**
 * The tag for Intl: the OS's or browser's own tag when it is the same language
 * (so en-GB keeps its 24-hour clock and de-CH its number format), else the language's default region.
 */
export function formattingLocale(language: CatalogueLanguage, tags: readonly string[] = preferredTags()): string {
  return sharedFormattingLocale(language, tags);
}

/** Remembered in the page, so the next start shows the right language from its first paint (the preference arrives a moment later). */
const START_HINT_KEY = 'console.language';

export function startHint(): Language | undefined {
  try {
    const value = window.localStorage.getItem(START_HINT_KEY);
    return value === 'en' || value === 'de' || value === 'es' || value === 'pseudo' || value === 'system' ? value : undefined;
  } catch {
    return undefined;
  }
}

let latestRequest = 0;
let markActive: () => void = () => undefined;
/** Resolves once a catalogue is active: the page renders nothing before (a component would have no words). */
export const firstLanguageActive = new Promise<void>((resolve) => {
  markActive = resolve;
});

/**
 * Show the console in the language a preference names: load its catalogue
 * (once), activate it, and let every component using `useT()` render again.
 * Nothing reloads; forms keep what was typed.
 */
export async function applyLanguage(preference: Language | undefined): Promise<void> {
  const request = ++latestRequest;
  const language = resolveLanguage(preference);
  try {
    window.localStorage.setItem(START_HINT_KEY, preference ?? 'system');
  } catch {
    // Storage refused (private window): the preference still applies once it arrives.
  }
  try {
    await loadCatalogue(language);
  } catch (error) {
    // A catalogue that cannot be fetched (a broken install): English rather than no words at all.
    console.error(`The ${language} catalogue did not load`, error);
    if (useLocaleStore.getState().language !== null || language === 'en') throw error;
    return applyLanguage('en');
  }
  // A quicker later choice wins over a slower earlier one.
  if (request !== latestRequest) return;
  const locale = formattingLocale(language);
  i18n.activate(language, [locale]);
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'pseudo' ? 'en' : locale;
  useLocaleStore.setState({ language, locale });
  markActive();
}

async function loadCatalogue(language: CatalogueLanguage): Promise<void> {
  if (loadedLanguages[language]) return;
  const { messages } = await loaders[language]();
  i18n.load(language, messages);
  loadedLanguages[language] = true;
}
const loadedLanguages: Partial<Record<CatalogueLanguage, true>> = {};

/**
 * Named formats a message may use beside ICU's own: `{seconds, number, oneDecimal}`
 * writes 2 as "2.0" in English and "2,0" in German.
 */
export const MESSAGE_FORMATS = { oneDecimal: { minimumFractionDigits: 1, maximumFractionDigits: 1 } } satisfies Record<string, Intl.NumberFormatOptions>;

/** A message in the active language. */
export function t(id: MessageId, values?: MessageValues): string {
  return i18n._(id, values, { formats: MESSAGE_FORMATS });
}

/** Whether the active catalogue has an id: words main sends by id (docs/i18n.md) are checked before use. */
export function hasMessage(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(i18n.messages, id);
}

/**
 * Words main or a shared rule sent by id (docs/i18n.md), in the active
 * language; the English sent beside them when the catalogue lacks the id.
 * Parts main said by id too are said first, a list of them as the language
 * writes a list; so are `sentences`, values that are main's own sentences
 * (their English is in `values`).
 */
export function sayMain(message: (MainSentence & Pick<MainMessage, 'sentences'>) | undefined, english: string): string {
  // A part the catalogue lacks has no English of its own: the whole sentence is then said in main's English.
  if (!message || !hasMessage(message.id) || !knowsEveryPart(message)) return english;
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = sayValue(value);
  for (const [name, sentence] of Object.entries(message.sentences ?? {})) values[name] = sayMain(sentence, String(values[name] ?? ''));
  return t(message.id, values);
}

function knowsEveryPart(message: MainSentence): boolean {
  if (!hasMessage(message.id)) return false;
  return Object.values(message.values ?? {}).every((value) =>
    typeof value === 'string' || typeof value === 'number' ? true : Array.isArray(value) ? value.every(knowsEveryPart) : knowsEveryPart(value),
  );
}

function sayValue(value: MainValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return new Intl.ListFormat(useLocaleStore.getState().locale, { type: 'unit', style: 'short' }).format(value.map((part) => sayMain(part, part.id)));
  return sayMain(value, value.id);
}

/** `t` for components: they render again when the language changes. */
export function useT(): typeof t {
  useLocaleStore((s) => s.language);
  return t;
}

/** The active formatting locale, for components that format numbers and dates (see ./format.ts). */
export function useLocale(): string {
  return useLocaleStore((s) => s.locale);
}
