import { applyLanguage } from '../../renderer/src/i18n/i18n';

// Renderer tests read English on screen, whatever the machine's language.
await applyLanguage('en');
