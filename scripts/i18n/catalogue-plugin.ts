import path from 'node:path';
import type { Plugin } from 'vite';
import { CATALOGUE_DIR, CATALOGUE_LANGUAGES, PSEUDO_LANGUAGE, compileCatalogue, compileShellCatalogues } from './compile-catalogue';

const PREFIX = 'virtual:catalogue/';
const RESOLVED = '\0catalogue:';
/** The desktop shell's words in every language (main's bundle; tests of the shell). */
export const SHELL_CATALOGUES = 'virtual:shell-catalogues';
const RESOLVED_SHELL = '\0shell-catalogues';

/**
 * `import('virtual:catalogue/de')` answers `{ messages }`, the German
 * catalogue compiled at build time. Each language is its own lazily loaded
 * chunk, so only the active one is fetched. `pseudo` is English in the
 * pseudo-locale (docs/i18n.md).
 */
export function cataloguePlugin(): Plugin {
  const known = new Set<string>([...CATALOGUE_LANGUAGES, PSEUDO_LANGUAGE]);
  return {
    name: 'console-catalogues',
    enforce: 'pre',
    resolveId(id) {
      if (id === SHELL_CATALOGUES) return RESOLVED_SHELL;
      if (!id.startsWith(PREFIX)) return null;
      const language = id.slice(PREFIX.length);
      return known.has(language) ? RESOLVED + language : null;
    },
    load(id) {
      if (id === RESOLVED_SHELL) {
        for (const language of CATALOGUE_LANGUAGES) this.addWatchFile(path.join(CATALOGUE_DIR, `${language}.json`));
        return shellCataloguesModule();
      }
      if (!id.startsWith(RESOLVED)) return null;
      const language = id.slice(RESOLVED.length);
      const source = language === PSEUDO_LANGUAGE ? 'en' : language;
      this.addWatchFile(path.join(CATALOGUE_DIR, `${source}.json`));
      // JSON.parse of a string literal is quicker to start than the same object as code.
      return `export const messages = JSON.parse(${JSON.stringify(JSON.stringify(compileCatalogue(language)))});\n`;
    },
  };
}

/** `export const catalogues = { en: {…}, de: {…}, … }`: the shell's compiled messages, for Vite and for esbuild alike. */
export function shellCataloguesModule(): string {
  return `export const catalogues = JSON.parse(${JSON.stringify(JSON.stringify(compileShellCatalogues()))});\n`;
}
