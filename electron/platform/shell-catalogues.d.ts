/** The shell's compiled messages by language, made at build time (scripts/i18n/catalogue-plugin.ts, `shellCataloguesModule`). */
declare module 'virtual:shell-catalogues' {
  import type { Messages } from '@lingui/core';
  export const catalogues: Record<string, Messages | undefined>;
}
