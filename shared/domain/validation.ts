/**
 * Field-level validation shared by both sides: the renderer runs these as the
 * user types (to show each problem at its field and hold back Save), and main
 * runs the very same functions on every write request before anything is
 * queued or sent, so what the screen refuses, main refuses too.
 *
 * Every validator is a pure function returning a list of problems, empty when
 * the value is acceptable. A problem names its field by the same key the
 * request carries ("serviceLevel", "param/maxQueueTime", "workingDays.0.endTime")
 * and says what is wrong in plain words.
 *
 * The checks below say their problems by message id too (`said`,
 * `validation.field.*`), so the editors show them in the user's language
 * (docs/i18n.md, "Shared rules"); the English `message` stays for main's
 * refusals and logs.
 */

import type { MainMessage } from './main-message';

export interface FieldError {
  /** The field's key as the request (and the editor) names it. */
  field: string;
  /** What is wrong, in words a supervisor can act on. */
  message: string;
  /** The same words by message id, where the rule has them in the catalogues (docs/i18n.md). */
  said?: MainMessage;
}

/** The errors of one field, or an empty list; for editors that show one message per field. */
export function errorsFor(errors: readonly FieldError[], field: string): FieldError[] {
  return errors.filter((error) => error.field === field);
}

/** The first message for a field, or null. */
export function messageFor(errors: readonly FieldError[], field: string): string | null {
  return errors.find((error) => error.field === field)?.message ?? null;
}

/**
 * One sentence summing up the problems, for the reason shown next to a
 * disabled Save button, in English (main's refusals); the screens say it in
 * the user's language with `sayErrorSummary` (renderer/src/i18n/field-errors.ts).
 */
export function summariseErrors(errors: readonly FieldError[], labelOf: (field: string) => string = (field) => field): string | null {
  if (errors.length === 0) return null;
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  return `Cannot save yet: ${labelOf(first.field)}: ${first.message}${more}`;
}

/** Prefix every field of a nested validator's errors ("thresholds.0." + "redMinutes"). */
export function within(prefix: string, errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: `${prefix}${error.field}` }));
}

// ---- checks on single values ---------------------------------------------

/** The units `checkWholeNumber` can say in every language (another unit is said in English only). */
const SAID_UNITS: readonly string[] = ['', 'seconds', 'percent', 'callers'];

/** A whole number between min and max (inclusive); `unit` names the unit in the message ("seconds"). */
export function checkWholeNumber(field: string, value: unknown, min: number, max: number, unit = ''): FieldError[] {
  const suffix = unit ? ` ${unit}` : '';
  const said = (id: string, values: Record<string, string | number> = {}) => (SAID_UNITS.includes(unit) ? { said: { id, values: { min, max, unit, ...values } } } : {});
  if (typeof value !== 'number' || !Number.isFinite(value)) return [{ field, message: `Enter a whole number from ${min} to ${max}${suffix}.`, ...said('validation.field.wholeNumber') }];
  if (!Number.isInteger(value)) return [{ field, message: `Enter a whole number (no decimals) from ${min} to ${max}${suffix}.`, ...said('validation.field.noDecimals') }];
  if (value < min || value > max) return [{ field, message: `Must be from ${min} to ${max}${suffix}; ${value} is out of range.`, ...said('validation.field.outOfRange', { value }) }];
  return [];
}

/** Text of at most `max` characters; with `required`, not blank. */
export function checkText(field: string, value: unknown, options: { required?: boolean; max: number }): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: 'Enter text.', said: { id: 'validation.field.text' } }];
  if (options.required && value.trim() === '') return [{ field, message: 'Required: this cannot be empty.', said: { id: 'validation.field.required' } }];
  if (value.length > options.max) return [{ field, message: `At most ${options.max} characters; this has ${value.length}.`, said: { id: 'validation.field.tooLong', values: { max: options.max, length: value.length } } }];
  return [];
}

/** One of a fixed list of values (the values are the server's own names, said as they are). */
export function checkOneOf(field: string, value: unknown, allowed: readonly string[]): FieldError[] {
  const choices = allowed.join(', ');
  return typeof value === 'string' && allowed.includes(value) ? [] : [{ field, message: `Choose one of: ${choices}.`, said: { id: 'validation.field.oneOf', values: { choices } } }];
}

/** "HH:MM" on a 24-hour clock ("24:00" is the end of the day) → minutes since midnight, or null. */
export function clockMinutes(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  return text === '24:00' ? 24 * 60 : null;
}

/** "YYYY-MM-DD" naming a day that exists (no 30 February). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
