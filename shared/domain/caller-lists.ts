/**
 * Caller lists: VIP, blocked and site-defined lists of calling numbers that
 * UCCX IVR scripts read as XML documents from the UCCX document repository
 * (format and script steps: docs/ivr.md). Pure rules shared by the editor
 * (as the supervisor types) and main (before a list is queued).
 */
import type { FieldMap, FieldValue } from './changes';
import { isCalendarDate, type FieldError } from './validation';
import type { RepositoryDocumentView } from './repository-documents';
import type { MainMessage } from './main-message';

/** One caller on a list. Optional values are '' when not set, as the document writes them. */
export interface CallerEntry {
  /** Normalised: digits with an optional leading + ("+41441234567"). */
  number: string;
  /** What the script reads back to know the caller is listed; never empty. */
  label: string;
  /** Last day the entry counts (YYYY-MM-DD, local), or '' for no end. */
  expires: string;
  /** Where the script should send the caller (a CSQ name or a number), or ''. */
  route: string;
}

/** A list as the editor loads it: its entries and where its document stands in the repository. */
export interface CallerListDocument extends RepositoryDocumentView {
  name: string;
  /** Entries as UCCX holds them now, sorted by number. */
  entries: CallerEntry[];
  /** Entries as they will be once the changes waiting in the queue are written, or null when none wait. */
  queued: CallerEntry[] | null;
}

/** A list in the folder, as the picker shows it. */
export interface CallerListSummary {
  name: string;
  size: number | null;
  dateModified: string | null;
  modifiedBy: string | null;
}

export const CALLER_LIST_LIMITS = {
  /** Entries per list: one list is one field of one change, and the journal's field values hold at most 500 items. */
  maxEntries: 500,
  maxNameLength: 40,
  maxLabelLength: 100,
  maxRouteLength: 64,
  /** Digits in a number (E.164 has at most 15; room for prefixes). */
  maxDigits: 20,
  /** Characters a number may be typed with, separators included. */
  maxNumberInput: 40,
  /** A document larger than this is not read (500 full-length entries are about 150 KB). */
  maxDocumentBytes: 512 * 1024,
  /** Lists shown in the picker. */
  maxLists: 200,
} as const;

/** The journal's change type and field for a caller list. */
export const CALLER_LIST_TYPE = 'callerList';
export const CALLER_LIST_FIELD = 'callers';

/** Lists every site has; others may be added ("vip-spanish", "blocked_test"). */
export const WELL_KNOWN_LISTS: ReadonlyArray<{ name: string; title: string }> = [
  { name: 'vip', title: 'VIP' },
  { name: 'blocked', title: 'Blocked' },
];

/** "VIP", "Blocked", or the list's own name. */
export function callerListTitle(name: string): string {
  return WELL_KNOWN_LISTS.find((list) => list.name === name)?.title ?? name;
}

/** A problem in English words and by message id, for each language to word it (docs/i18n.md, "Shared rules"). */
export interface SaidProblem {
  message: string;
  said: MainMessage;
}

/** A list name becomes a file name in the repository: letters, digits, - and _ only. */
export function listNameProblem(name: string): SaidProblem | null {
  if (name === '') return { message: 'Enter a name for the list.', said: { id: 'validation.callerList.nameEmpty' } };
  if (name.length > CALLER_LIST_LIMITS.maxNameLength) {
    const values = { max: CALLER_LIST_LIMITS.maxNameLength, length: name.length };
    return { message: `At most ${values.max} characters; this has ${values.length}.`, said: { id: 'validation.callerList.nameTooLong', values } };
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return { message: 'Use only letters, digits, - and _ (the name becomes the file name, e.g. vip.xml).', said: { id: 'validation.callerList.nameCharacters' } };
  return null;
}

/** The list name's problem in English, or null when the name can be used. */
export function checkListName(name: string): string | null {
  return listNameProblem(name)?.message ?? null;
}

/** The document's file name for a list. */
export function listFileName(name: string): string {
  return `${name}.xml`;
}

/**
 * A calling number as the list stores it: spaces, dashes, dots and brackets
 * removed; what is left must be digits with an optional leading +. Null when
 * it is not a phone number (empty, letters, a + elsewhere, too long).
 */
export function normalizeNumber(raw: string): string | null {
  if (raw.length > CALLER_LIST_LIMITS.maxNumberInput) return null;
  const compact = raw.replace(/[\s\-.()[\]]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const digits = compact.startsWith('+') ? compact.length - 1 : compact.length;
  return digits <= CALLER_LIST_LIMITS.maxDigits ? compact : null;
}

/**
 * Characters a document attribute cannot carry usefully: control characters
 * (XML 1.0 refuses most; tabs and line breaks are flattened by parsers),
 * U+FFFE and U+FFFF (not XML characters) and half a surrogate pair (UTF-8
 * cannot encode it; it would be written as U+FFFD).
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Today's date where the console runs, YYYY-MM-DD: what "expired" is judged against. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An entry whose last day is before today. */
export function isExpired(entry: Pick<CallerEntry, 'expires'>, today: string = localToday()): boolean {
  return entry.expires !== '' && entry.expires < today;
}

/**
 * A problem with one entry, without its row ("044 12x is not a phone number"):
 * the English words and the message that says them in every language.
 */
interface EntryProblem extends SaidProblem {
  key: keyof CallerEntry;
}

/** Problems with one entry's values other than its number (no row prefix). */
function valueProblems(entry: CallerEntry): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const tooLong = (key: 'label' | 'route', max: number) => {
    const values = { length: entry[key].length, max };
    problems.push({ key, message: `the ${key} has ${values.length} characters; at most ${max}`, said: { id: key === 'label' ? 'validation.callerList.labelTooLong' : 'validation.callerList.routeTooLong', values } });
  };
  if (entry.label.trim() === '') problems.push({ key: 'label', message: 'the label is empty (scripts read the label to know a caller is listed)', said: { id: 'validation.callerList.labelEmpty' } });
  else if (entry.label.length > CALLER_LIST_LIMITS.maxLabelLength) tooLong('label', CALLER_LIST_LIMITS.maxLabelLength);
  else if (CONTROL_CHARACTERS.test(entry.label)) problems.push({ key: 'label', message: 'the label holds a tab, line break or control character', said: { id: 'validation.callerList.labelControl' } });
  if (entry.expires !== '' && !isCalendarDate(entry.expires)) problems.push({ key: 'expires', message: `${entry.expires} is not a date (YYYY-MM-DD)`, said: { id: 'validation.callerList.notDate', values: { text: entry.expires } } });
  if (entry.route.length > CALLER_LIST_LIMITS.maxRouteLength) tooLong('route', CALLER_LIST_LIMITS.maxRouteLength);
  else if (CONTROL_CHARACTERS.test(entry.route)) problems.push({ key: 'route', message: 'the route holds a tab, line break or control character', said: { id: 'validation.callerList.routeControl' } });
  return problems;
}

/** An entry as typed, before its number is normalised. */
export interface CallerEntryInput {
  number: string;
  label: string;
  expires?: string;
  route?: string;
}

/**
 * Check a list's entries as the user has them, row by row (rows count from
 * `firstRow`, 1 for a table, 2 for a CSV file under its header). Each problem
 * names its row: "Row 7: 044 12x is not a phone number", "Row 9: +41441234567
 * is already in row 3". Field keys are `entries.<index>.<field>`.
 *
 * A row's problem is `said` without its row, with the row in its values
 * (`{ row: 7, text: '044 12x' }`): the screen puts "Row {row}: " before it in
 * its language (`validation.callerList.inRow`), and a CSV row with several
 * problems names its row once.
 */
export function validateCallerEntries(entries: readonly CallerEntryInput[], firstRow = 1): FieldError[] {
  const errors: FieldError[] = [];
  if (entries.length > CALLER_LIST_LIMITS.maxEntries) {
    const values = { max: CALLER_LIST_LIMITS.maxEntries, count: entries.length };
    errors.push({ field: 'entries', message: `A list holds at most ${values.max} callers; this has ${values.count}.`, said: { id: 'validation.callerList.tooManyEntries', values } });
  }
  const inRow = (row: number, field: string, problem: SaidProblem): FieldError => ({
    field,
    message: `Row ${row}: ${problem.message}`,
    said: { id: problem.said.id, values: { ...problem.said.values, row } },
  });
  const seen = new Map<string, number>();
  entries.forEach((input, index) => {
    const row = index + firstRow;
    const entry = cleanEntry(input);
    if (!entry) {
      const shown = input.number.trim().slice(0, CALLER_LIST_LIMITS.maxNumberInput);
      errors.push(
        inRow(
          row,
          `entries.${index}.number`,
          shown === ''
            ? { message: 'the number is empty', said: { id: 'validation.callerList.numberEmpty' } }
            : { message: `${shown} is not a phone number`, said: { id: 'validation.callerList.notPhoneNumber', values: { text: shown } } },
        ),
      );
    } else {
      const earlier = seen.get(entry.number);
      if (earlier !== undefined) errors.push(inRow(row, `entries.${index}.number`, duplicateNumber(entry.number, earlier)));
      else seen.set(entry.number, row);
    }
    const values = entry ?? { number: '', label: input.label, expires: input.expires ?? '', route: input.route ?? '' };
    for (const problem of valueProblems(values)) errors.push(inRow(row, `entries.${index}.${problem.key}`, problem));
  });
  return errors;
}

/** "+41441234567 is already in row 3" (no row prefix). */
export function duplicateNumber(number: string, earlierRow: number): SaidProblem {
  return { message: `${number} is already in row ${earlierRow}`, said: { id: 'validation.callerList.duplicate', values: { number, earlier: earlierRow } } };
}

/** An entry with its number normalised and its text trimmed, or null when the number is not a phone number. */
export function cleanEntry(input: CallerEntryInput): CallerEntry | null {
  const number = normalizeNumber(input.number.trim());
  if (number === null) return null;
  return { number, label: input.label.trim(), expires: (input.expires ?? '').trim(), route: (input.route ?? '').trim() };
}

/** Entries in the one order the document and every comparison use: by number. */
export function sortEntries(entries: readonly CallerEntry[]): CallerEntry[] {
  return [...entries].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

/** The journal's view of a list: one field holding every entry, sorted, so two lists compare equal exactly when their entries do. */
export function callerListFields(entries: readonly CallerEntry[]): FieldMap {
  return { [CALLER_LIST_FIELD]: sortEntries(entries).map((entry) => ({ ...entry })) };
}

/** The entries a journal field holds (tolerant: anything that is not an entry is left out). */
export function entriesOfField(value: FieldValue | undefined): CallerEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return [];
    const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
    return text('number') ? [{ number: text('number'), label: text('label'), expires: text('expires'), route: text('route') }] : [];
  });
}

export interface CallerListDiff {
  added: CallerEntry[];
  removed: CallerEntry[];
  changed: Array<{ before: CallerEntry; after: CallerEntry }>;
}

/** What a save does, entry by entry (matched by number). */
export function diffCallerLists(before: readonly CallerEntry[], after: readonly CallerEntry[]): CallerListDiff {
  const old = new Map(before.map((entry) => [entry.number, entry]));
  const next = new Map(after.map((entry) => [entry.number, entry]));
  const diff: CallerListDiff = { added: [], removed: [], changed: [] };
  for (const entry of sortEntries(after)) {
    const was = old.get(entry.number);
    if (!was) diff.added.push(entry);
    else if (was.label !== entry.label || was.expires !== entry.expires || was.route !== entry.route) diff.changed.push({ before: was, after: entry });
  }
  for (const entry of sortEntries(before)) if (!next.has(entry.number)) diff.removed.push(entry);
  return diff;
}

/** "VIP: 3 added, 1 removed, 2 changed" (or "VIP: no changes"). */
export function describeListChange(name: string, diff: CallerListDiff): string {
  const parts = [diff.added.length ? `${diff.added.length} added` : '', diff.removed.length ? `${diff.removed.length} removed` : '', diff.changed.length ? `${diff.changed.length} changed` : ''].filter(Boolean);
  return `${callerListTitle(name)}: ${parts.length ? parts.join(', ') : 'no changes'}`;
}

/**
 * A caller-list change in words with the numbers it touches, for the audit
 * log: "VIP: 1 added (+41441234567), 1 removed (0791234567)". At most 5
 * numbers per kind are named.
 */
export function describeCallerListChange(name: string, before: FieldMap, after: FieldMap): string {
  const diff = diffCallerLists(entriesOfField(before[CALLER_LIST_FIELD]), entriesOfField(after[CALLER_LIST_FIELD]));
  const named = (count: number, word: string, numbers: string[]) => (count ? `${count} ${word} (${numbers.slice(0, 5).join(', ')}${count > 5 ? ', …' : ''})` : '');
  const parts = [
    named(diff.added.length, 'added', diff.added.map((entry) => entry.number)),
    named(diff.removed.length, 'removed', diff.removed.map((entry) => entry.number)),
    named(diff.changed.length, 'changed', diff.changed.map((change) => change.after.number)),
  ].filter(Boolean);
  return `${callerListTitle(name)}: ${parts.length ? parts.join(', ') : 'no changes'}`;
}

/** An entry in words, for reviews: "Key account A · until 31 Dec 2026 · route CSQ_VIP". */
export function entryWords(entry: CallerEntry, formatDate: (iso: string) => string = (iso) => iso): string {
  return [entry.label || '(no label)', entry.expires ? `until ${formatDate(entry.expires)}` : '', entry.route ? `route ${entry.route}` : ''].filter(Boolean).join(' · ');
}
