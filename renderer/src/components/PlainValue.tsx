import type { PlainTerm } from '../../../shared/domain/glossary';
import { useT } from '../i18n/i18n';

/**
 * A server value in words (shared/domain/glossary.ts). The raw value stays
 * one hover away for administrators (the title); a value the glossary does
 * not know is shown as it is, marked so nobody takes it for our words.
 */
export function PlainValue({ term }: { term: PlainTerm }) {
  const t = useT();
  if (!term.known) {
    return (
      <span className="plain-value unknown" title={t('plainValue.unknownTitle')}>
        {term.text ? <span translate="no">{term.text}</span> : t('diff.empty')} <span className="muted">{t('plainValue.asServerNames')}</span>
      </span>
    );
  }
  return (
    <span className="plain-value" title={term.raw && term.raw !== term.text ? t('plainValue.serverCalls', { raw: term.raw }) : undefined}>
      {term.text}
    </span>
  );
}
