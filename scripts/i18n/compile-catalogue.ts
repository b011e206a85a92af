/**
 * Turns a message catalogue (renderer/src/i18n/catalogues/<language>.json:
 * message id → ICU MessageFormat text) into Lingui's compiled form at build
 * time, so the renderer ships no message parser: only @lingui/core's small
 * runtime and the active language's compiled messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import { pseudoText } from './pseudo-locale';

export type { CompiledMessage };

export const CATALOGUE_DIR = path.resolve(__dirname, '..', '..', 'renderer', 'src', 'i18n', 'catalogues');

/** The languages with a catalogue file, and the pseudo-locale made from English. */
export const CATALOGUE_LANGUAGES = ['en', 'de', 'es'] as const;
export const PSEUDO_LANGUAGE = 'pseudo';

export function readCatalogue(language: string): Record<string, string> {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(CATALOGUE_DIR, `${language}.json`), 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${language}.json: expected an object of message id → text`);
  for (const [id, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') throw new Error(`${language}.json: "${id}" is not a string`);
  }
  return parsed as Record<string, string>;
}

/** Every message of one catalogue (or those `include` accepts) compiled; a malformed message fails the build with its id. */
export function compileCatalogue(language: string, include: (id: string) => boolean = () => true): Record<string, CompiledMessage> {
  const pseudo = language === PSEUDO_LANGUAGE;
  const source = readCatalogue(pseudo ? 'en' : language);
  const compiled: Record<string, CompiledMessage> = {};
  for (const [id, text] of Object.entries(source)) {
    if (!include(id)) continue;
    try {
      compiled[id] = pseudo ? compileMessageOrThrow(text, pseudoText) : compileMessageOrThrow(text);
    } catch (error) {
      throw new Error(`${language}.json: message "${id}" is not valid ICU MessageFormat: ${(error as Error).message}`);
    }
  }
  return compiled;
}

/** The ids main's desktop shell says itself (tray, application menu, its notices: `shell.*`) and the screens' names it shares with the page. */
export const SHELL_PREFIXES = ['shell.', 'frame.nav.'];

/**
 * The shell's messages in every language, compiled: main bundles them all
 * (a few dozen short messages each), since the tray and the menus must speak
 * the chosen language without a fetch.
 */
export function compileShellCatalogues(): Record<string, Record<string, CompiledMessage>> {
  const catalogues: Record<string, Record<string, CompiledMessage>> = {};
  for (const language of [...CATALOGUE_LANGUAGES, PSEUDO_LANGUAGE]) {
    catalogues[language] = compileCatalogue(language, (id) => SHELL_PREFIXES.some((prefix) => id.startsWith(prefix)));
  }
  return catalogues;
}
