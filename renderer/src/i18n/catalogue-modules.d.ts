/** The compiled catalogues, made at build time by scripts/i18n/catalogue-plugin.ts. */
declare module 'virtual:catalogue/*' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
