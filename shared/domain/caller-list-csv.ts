/**
 * Caller lists as CSV files (RFC 4180): export for a spreadsheet, import with
 * a preview of what would change and which rows are refused, and why.
 * Columns are stable English keys: number,label,expires,route.
 */
import { CALLER_LIST_LIMITS, cleanEntry, duplicateNumber, sortEntries, validateCallerEntries, type CallerEntry, type CallerEntryInput, type SaidProblem } from './caller-lists';
import type { MainMessage } from './main-message';

export const CALLER_CSV_COLUMNS = ['number', 'label', 'expires', 'route'] as const;

/** A CSV file larger than this is not read (500 rows of full-length values are well under 200 KB). */
export const MAX_CALLER_CSV_BYTES = 1024 * 1024;

/** A file that is not CSV; `said` words it by message id (docs/i18n.md, "Shared rules"). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly said: MainMessage,
  ) {
    super(message);
  }
}

/**
 * Rows of an RFC 4180 text: quoted cells may hold commas, quotes ("") and
 * line breaks; lines end in CRLF, LF or CR; a leading byte-order mark is
 * dropped. Throws CsvError for an unclosed quote.
 */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoteStartRow = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
    if (rows.length > maxRows) throw new CsvError(`The file has more than ${maxRows} rows.`, { id: 'validation.callerList.tooManyRows', values: { max: maxRows } });
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += char;
      }
      index++;
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteStartRow = rows.length + 1;
    } else if (char === ',') endCell();
    else if (char === '\r' || char === '\n') {
      endRow();
      if (char === '\r' && text[index + 1] === '\n') index++;
    } else cell += char;
    index++;
  }
  if (quoted) throw new CsvError(`Row ${quoteStartRow}: a quoted value is never closed (a " is missing).`, { id: 'validation.callerList.unclosedQuote', values: { row: quoteStartRow } });
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** Cells a spreadsheet would run as a formula start with one of these; the export prefixes them with ' (and the import takes it off). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * What the import takes one ' off: a ' before a formula start, or before
 * more of them. So a value that itself starts like that ("'=x") is exported
 * with one more (''=x) and comes back as it was.
 */
const DEFUSED_FORMULA = /^'+[=+\-@]/;

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A list as CSV: a header line, then one row per entry sorted by number, CRLF line ends. */
export function callerListToCsv(entries: readonly CallerEntry[]): string {
  const safe = (text: string) => (FORMULA_START.test(text) || DEFUSED_FORMULA.test(text) ? `'${text}` : text);
  const lines = [CALLER_CSV_COLUMNS.join(',')];
  for (const entry of sortEntries(entries)) lines.push([entry.number, safe(entry.label), entry.expires, safe(entry.route)].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A row the import refuses, by its row number as a spreadsheet shows it (the header is row 1). */
export interface RefusedRow {
  row: number;
  /** "Row 7: 044 12x is not a phone number; …": the row named once, then its problems. */
  reason: string;
  /** The same problems by message id, without the row, for each language to word them. */
  said: MainMessage[];
}

export interface CallerCsvImport {
  /** Why the file as a whole cannot be imported (nothing else is filled then). */
  problem: string | null;
  /** The same problem by message id. */
  problemSaid: MainMessage | null;
  add: CallerEntry[];
  change: Array<{ before: CallerEntry; after: CallerEntry }>;
  /** Rows that match an entry exactly. */
  unchanged: number;
  refused: RefusedRow[];
  /** The list as it is after the import (entries not in the file stay). */
  result: CallerEntry[];
}

const nothing = (problem: SaidProblem, current: readonly CallerEntry[]): CallerCsvImport => ({
  problem: problem.message,
  problemSaid: problem.said,
  add: [],
  change: [],
  unchanged: 0,
  refused: [],
  result: [...current],
});

/**
 * What importing a CSV file into a list would do, without doing it: rows
 * whose number is new are added, rows for a listed number replace its
 * label, expiry and route, and every row that cannot be used is refused with
 * its reason ("Row 7: 044 12x is not a phone number", "Row 9: +41441234567
 * is already in row 3"). The header row names the columns (any order; only
 * `number` and `label` are required; unknown columns are ignored). A column
 * the file lacks keeps a listed caller's value; an empty cell clears it.
 */
export function previewCallerCsv(text: string, current: readonly CallerEntry[]): CallerCsvImport {
  if (text.length > MAX_CALLER_CSV_BYTES) {
    const values = { kb: MAX_CALLER_CSV_BYTES / 1024, max: CALLER_LIST_LIMITS.maxEntries };
    return nothing({ message: `The file is larger than ${values.kb} KB; a list holds at most ${values.max} callers.`, said: { id: 'validation.callerList.fileTooLarge', values } }, current);
  }
  let rows: string[][];
  try {
    rows = parseCsv(text, CALLER_LIST_LIMITS.maxEntries * 2 + 1);
  } catch (error) {
    if (error instanceof CsvError) return nothing({ message: error.message, said: error.said }, current);
    throw error;
  }
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  if (column('number') < 0 || column('label') < 0) {
    const columns = CALLER_CSV_COLUMNS.join(',');
    return nothing({ message: `The first row must name the columns: ${columns} (number and label are required).`, said: { id: 'validation.callerList.header', values: { columns } } }, current);
  }
  const cellOf = (row: string[], name: string) => {
    const at = column(name);
    const value = at < 0 ? '' : (row[at] ?? '');
    // Undo the export's protection against spreadsheet formulas.
    return (name === 'label' || name === 'route') && DEFUSED_FORMULA.test(value) ? value.slice(1) : value;
  };
  const listed = new Map(current.map((entry) => [entry.number, entry]));
  const firstRowOf = new Map<string, number>();
  const out: CallerCsvImport = { problem: null, problemSaid: null, add: [], change: [], unchanged: 0, refused: [], result: [] };
  const merged = new Map(listed);
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const input: CallerEntryInput = { number: cellOf(row, 'number'), label: cellOf(row, 'label'), expires: cellOf(row, 'expires'), route: cellOf(row, 'route') };
    const problems = validateCallerEntries([input], rowNumber);
    const entry = cleanEntry(input);
    if (problems.length > 0 || !entry) {
      out.refused.push({ row: rowNumber, reason: problems.map((p) => p.message).join('; ').replace(/; Row \d+: /g, '; '), said: problems.flatMap((p) => p.said ?? []) });
      return;
    }
    const earlier = firstRowOf.get(entry.number);
    if (earlier !== undefined) {
      const problem = duplicateNumber(entry.number, earlier);
      out.refused.push({ row: rowNumber, reason: `Row ${rowNumber}: ${problem.message}`, said: [problem.said] });
      return;
    }
    firstRowOf.set(entry.number, rowNumber);
    const was = listed.get(entry.number);
    // A column the file does not have leaves a listed caller's value as it is (an empty cell clears it).
    if (was && column('expires') < 0) entry.expires = was.expires;
    if (was && column('route') < 0) entry.route = was.route;
    if (!was) out.add.push(entry);
    else if (was.label === entry.label && was.expires === entry.expires && was.route === entry.route) out.unchanged++;
    else out.change.push({ before: was, after: entry });
    merged.set(entry.number, entry);
  });
  if (merged.size > CALLER_LIST_LIMITS.maxEntries) {
    const values = { count: merged.size, max: CALLER_LIST_LIMITS.maxEntries };
    return nothing({ message: `After the import the list would hold ${values.count} callers; a list holds at most ${values.max}.`, said: { id: 'validation.callerList.tooManyAfterImport', values } }, current);
  }
  out.result = sortEntries([...merged.values()]);
  return out;
}
