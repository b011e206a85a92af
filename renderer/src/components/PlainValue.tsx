import type { PlainTerm } from '../../../shared/domain/glossary';

/**
 * A server value in words (shared/domain/glossary.ts). The raw value stays
 * one hover away for administrators (the title); a value the glossary does
 * not know is shown as it is, marked so nobody takes it for our words.
 */
export function PlainValue({ term }: { term: PlainTerm }) {
  if (!term.known) {
    return (
      <span className="plain-value unknown" title="Shown as the server names it: the console has no words for this value.">
        {term.text || '(none)'} <span className="muted">(as the server names it)</span>
      </span>
    );
  }
  return (
    <span className="plain-value" title={term.raw && term.raw !== term.text ? `The server calls it ${term.raw}` : undefined}>
      {term.text}
    </span>
  );
}
