import type { PlainTerm } from '../../../../../shared/domain/glossary';
import type { MessageId, MessageValues } from '../../../i18n/i18n';

/**
 * A glossary term (shared/domain/glossary.ts) in the screen's language. The
 * glossary words raw server values in English, for main and the audit log;
 * an editor maps each English word it may show to its message id. A value
 * the glossary does not know stays as the server sent it, and so does a
 * known word the editor has no id for.
 */
export function sayTerm(term: PlainTerm, words: Readonly<Record<string, MessageId>>, t: (id: MessageId, values?: MessageValues) => string): PlainTerm {
  const id = term.known ? words[term.text] : undefined;
  return id ? { ...term, text: t(id) } : term;
}
