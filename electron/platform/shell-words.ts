/**
 * The desktop shell's own words (the tray, the application menu, its
 * notices) in the language the user chose for the console, from the same
 * catalogues as the page's (`shell.*` and the screens' names `frame.nav.*`,
 * docs/i18n.md), compiled at build time. Plain Node: no Electron here.
 */
import { setupI18n } from '@lingui/core';
import { catalogues } from 'virtual:shell-catalogues';
import { formattingLocale, resolveLanguage, type CatalogueLanguage, type Language } from '../../shared/domain/preferences';

/** Every id the shell says; each is checked against every catalogue (test/unit/desktop-shell.test.ts). */
export const SHELL_MESSAGE_IDS = [
  'shell.tray.show',
  'shell.tray.pause15',
  'shell.tray.pause60',
  'shell.tray.pausedUntil',
  'shell.tray.resume',
  'shell.tray.quit',
  'shell.tray.tooltip.none',
  'shell.tray.tooltip.members',
  'shell.tray.tooltip.queues',
  'shell.tray.tooltip.both',
  'shell.tray.tooltip.paused',
  'shell.menu.file',
  'shell.menu.edit',
  'shell.menu.view',
  'shell.menu.window',
  'shell.menu.help',
  'shell.menu.quit',
  'shell.menu.undo',
  'shell.menu.redo',
  'shell.menu.cut',
  'shell.menu.copy',
  'shell.menu.paste',
  'shell.menu.selectAll',
  'shell.menu.resetZoom',
  'shell.menu.zoomIn',
  'shell.menu.zoomOut',
  'shell.menu.fullScreen',
  'shell.menu.wallboard',
  'shell.menu.version',
  'shell.menu.about',
  'shell.guide.everydayUse',
  'shell.guide.board',
  'shell.guide.keyboard',
  'shell.guide.desktop',
  'shell.notice.stillRunning.title',
  'shell.notice.stillRunning.body',
  'shell.startFailed.title',
  'frame.nav.board',
  'frame.nav.journey',
  'frame.nav.config',
  'frame.nav.connections',
  'frame.nav.pending',
  'frame.nav.history',
] as const;
export type ShellMessageId = (typeof SHELL_MESSAGE_IDS)[number];

export interface ShellWords {
  readonly language: CatalogueLanguage;
  /** The tag dates and times follow (e.g. de-AT). */
  readonly locale: string;
  say(id: ShellMessageId, values?: Record<string, string | number>): string;
}

/**
 * The shell's words for a language preference; `systemTags` are the OS's
 * preferred languages, best first (Electron's `app.getPreferredSystemLanguages()`),
 * which "system" follows as the page follows the browser's.
 */
export function shellWords(preference: Language | undefined, systemTags: readonly string[]): ShellWords {
  const language = resolveLanguage(preference, systemTags);
  const locale = formattingLocale(language, systemTags);
  const i18n = setupI18n({ locale: language, locales: [locale], messages: { [language]: catalogues[language] ?? catalogues.en! } });
  return {
    language,
    locale,
    // An id missing from a catalogue (a broken build) says the English rather than the id.
    say: (id, values) => (Object.hasOwn(i18n.messages, id) ? i18n._(id, values) : englishWords._(id, values)),
  };
}

const englishWords = setupI18n({ locale: 'en', messages: { en: catalogues.en! } });
