import { useId } from 'react';
import { useAppStore } from '../../store/app-store';
import { Field } from '../../components/Field';
import { updatePreferences } from '../../store/bridge';
import { LANGUAGE_NAMES, resolveLanguage, useT } from '../../i18n/i18n';
import type { Language } from '../../../../shared/domain/preferences';

/**
 * The interface language: the system's (the OS or browser's preferred
 * language, when the console has it) or one chosen here. A choice is a
 * preference, saved like the theme, and takes effect at once: every screen
 * renders again in it, without a reload.
 */
export function LanguageSettingsPanel() {
  const t = useT();
  const id = useId();
  const preferences = useAppStore((s) => s.preferences);
  if (!preferences) return null;
  const current = preferences.language;
  const systemLanguage = resolveLanguage('system');
  return (
    <section className="panel language-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.language.title')}</h2>
      <Field label={t('settings.language.label')} hint={t('settings.language.hint')}>
        <select
          value={current === 'pseudo' ? 'system' : current}
          onChange={(event) => {
            const chosen = event.target.value;
            if (chosen === 'system' || Object.hasOwn(LANGUAGE_NAMES, chosen)) void updatePreferences({ language: chosen as Language });
          }}
        >
          <option value="system">{t('settings.language.system', { language: LANGUAGE_NAMES[systemLanguage === 'pseudo' ? 'en' : systemLanguage] })}</option>
          {(Object.keys(LANGUAGE_NAMES) as Array<Exclude<Language, 'system' | 'pseudo'>>).map((language) => (
            // Each language is named in itself, so someone who cannot read the current one still finds theirs.
            <option key={language} value={language} lang={language} translate="no">
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}
