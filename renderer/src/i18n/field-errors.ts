/**
 * The problems the shared field rules find (shared/domain/validation.ts), in
 * the user's language. A rule says each problem by message id (`said`) beside
 * its English `message`; the English stays for main's refusals and logs
 * (docs/i18n.md, "Shared rules").
 */
import type { FieldError } from '../../../shared/domain/validation';
import { sayMain, t } from './i18n';

/** One problem in the active language; in the rule's English when it has no id the catalogue knows. */
export function sayFieldError(error: Pick<FieldError, 'message' | 'said'>): string {
  return sayMain(error.said, error.message);
}

/** The first problem with a field, in the active language; null when the field is fine. */
export function sayProblemAt(errors: readonly FieldError[], field: string): string | null {
  const error = errors.find((candidate) => candidate.field === field);
  return error ? sayFieldError(error) : null;
}

/**
 * The reason next to a disabled Save, in the active language: the first
 * problem at its field and how many more there are. The English reads as
 * `summariseErrors` does; `labelOf` names a field in the active language.
 */
export function sayErrorSummary(errors: readonly FieldError[], labelOf: (field: string) => string): string | null {
  const first = errors[0];
  if (!first) return null;
  const values = { field: labelOf(first.field), problem: sayFieldError(first) };
  return errors.length === 1 ? t('validation.summary.one', values) : t('validation.summary.more', { ...values, more: errors.length - 1 });
}
