import { ApplyError } from '../journal/journal';
import type { JournalHub } from '../journal/hub';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import type { FieldError } from '../../../shared/domain/validation';
import type { FieldMap, FieldValue, PendingChange } from '../../../shared/domain/changes';
import {
  CALLER_LIST_FIELD,
  CALLER_LIST_LIMITS,
  CALLER_LIST_TYPE,
  callerListFields,
  callerListTitle,
  checkListName,
  cleanEntry,
  describeListChange,
  diffCallerLists,
  entriesOfField,
  listFileName,
  normalizeNumber,
  validateCallerEntries,
  type CallerEntry,
  type CallerEntryInput,
  type CallerListDocument,
  type CallerListSummary,
} from '../../../shared/domain/caller-lists';
import { CallerListFormatError, parseCallerList, serializeCallerList } from './caller-list-document';
import { DocumentFolder, documentTime, type DocumentRepository, type RemovalMarks } from './repository-document';
import { asConsoleError } from './client';

/** Where caller lists live unless the profile says otherwise (`uccx.callerListFolder`). */
export const DEFAULT_CALLER_LIST_FOLDER = '/en_US/lists/';

/** The repository operations caller lists need (the document repository of UccxRepository). */
export type CallerListRepository = DocumentRepository;

/** A caller list as the applier reads it before writing: absent reads as an empty list. */
export interface CallerListObject {
  exists: boolean;
  entries: CallerEntry[];
}

/**
 * Caller lists (VIP, blocked, the site's own) as documents in the UCCX
 * document repository: listing and loading them for the editor, queuing a
 * save as one journal change, and writing it (docs/ivr.md). Writes go
 * through the UCCX applier, so they wait while UCCX is read-only like every
 * other UCCX change.
 */
export class CallerLists {
  private readonly documents: DocumentFolder;

  constructor(
    repository: CallerListRepository,
    private readonly hub: JournalHub,
    folder: string = DEFAULT_CALLER_LIST_FOLDER,
    private readonly now: () => number = Date.now,
    /** Saves whose old document was deleted and whose new one is not uploaded yet: kept on disk, so a restart goes on writing. */
    replacing?: RemovalMarks,
  ) {
    this.documents = new DocumentFolder(repository, folder, 'uccx.callerListFolder', replacing);
  }

  get folder(): string {
    return this.documents.folder;
  }

  /** The lists in the folder (files named `<list>.xml` with a usable list name). An absent folder has none. */
  async lists(): Promise<CallerListSummary[]> {
    const entries = await this.documents.list().catch(typedError);
    return entries
      .filter((entry) => !entry.isFolder && /\.xml$/i.test(entry.name) && checkListName(entry.name.replace(/\.xml$/i, '')) === null)
      .slice(0, CALLER_LIST_LIMITS.maxLists)
      .map((entry) => ({ name: entry.name.replace(/\.xml$/i, ''), size: entry.size, dateModified: entry.dateModified, modifiedBy: entry.modifiedBy }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One list as UCCX holds it now, with what waiting changes will make of it. */
  async load(name: string): Promise<CallerListDocument> {
    refuseName(name);
    const { parsed, view } = await this.documents.open(listFileName(name), parseCallerList, CallerListFormatError, 'a caller list', { name: '', entries: [], updated: '', updatedBy: '', skipped: [], skippedMessages: [] });
    const overlay = this.hub.journal?.overlay({ system: 'uccx', type: CALLER_LIST_TYPE, id: name });
    const queued = overlay && CALLER_LIST_FIELD in overlay ? entriesOfField(overlay[CALLER_LIST_FIELD]) : null;
    return { ...view, name, entries: parsed.entries, queued };
  }

  /**
   * Queue a save of a whole list as one change: `base` is the list as the
   * editor loaded it, `entries` the list as the user wants it. Entries are
   * checked with the editor's own rules first; nothing is queued when any
   * row is refused.
   */
  submit(name: string, base: readonly CallerEntry[], entries: readonly CallerEntryInput[], user: string): PendingChange {
    refuseName(name);
    const title = `Caller list ${callerListTitle(name)}`;
    refuseInvalid(title, validateCallerEntries(entries));
    const wanted = entries.map((input) => cleanEntry(input)!);
    const before = base.flatMap((input) => cleanEntry(input) ?? []);
    const diff = diffCallerLists(before, wanted);
    if (diff.added.length + diff.removed.length + diff.changed.length === 0) throw new ConsoleError('rejected', `${title}: nothing to save, the list is unchanged.`);
    return this.hub.require().enqueue({
      ref: { system: 'uccx', type: CALLER_LIST_TYPE, id: name },
      operation: 'update',
      label: `${title} (${listFileName(name)})`,
      summary: describeListChange(name, diff),
      fieldLabels: { [CALLER_LIST_FIELD]: 'Callers' },
      base: callerListFields(before),
      mine: callerListFields(wanted),
      user,
    });
  }

  // ---- the applier's part (called by the UCCX applier for type callerList) ----

  /** Problems with a change's values when it is edited or resolved in Pending changes. */
  validate(mine: FieldMap): FieldError[] {
    return validateCallerField(mine[CALLER_LIST_FIELD]);
  }

  async read(change: PendingChange): Promise<CallerListObject> {
    const bytes = await this.documents.download(listFileName(change.ref.id));
    if (bytes === null) {
      // Deleted by this console's own save, whose upload has not landed yet: what was there is what the change started from.
      if (this.documents.removedBy(change.id)) return { exists: false, entries: entriesOfField(change.base[CALLER_LIST_FIELD]) };
      return { exists: false, entries: [] };
    }
    try {
      return { exists: true, entries: parseCallerList(bytes).entries };
    } catch (error) {
      if (error instanceof CallerListFormatError) throw new ApplyError(`${listFileName(change.ref.id)} on UCCX is not a caller list the console can read, so it was not overwritten: ${error.message}`, false);
      throw error;
    }
  }

  fieldsOf(object: CallerListObject): FieldMap {
    return callerListFields(object.entries);
  }

  /** Write the list as a whole new document (DocumentFolder.replace: delete, upload, check the size). */
  async apply(change: PendingChange, current: CallerListObject | null): Promise<void> {
    const name = change.ref.id;
    const entries = entriesOfField(change.mine[CALLER_LIST_FIELD]).flatMap((entry) => cleanEntry(entry) ?? []);
    const bytes = serializeCallerList({ name, entries, updated: documentTime(this.now()), updatedBy: change.user });
    await this.documents.replace(change.id, listFileName(name), bytes, current?.exists ?? false);
  }
}

/** A UCCX answer that is not a success, as the typed error the screen shows (forbidden, not found, unavailable…) with its sentence. */
function typedError(error: unknown): never {
  throw asConsoleError(error);
}

function refuseName(name: string): void {
  const problem = checkListName(name);
  if (problem) refuseInvalid(`List "${name.slice(0, 60)}"`, [{ field: 'name', message: problem }]);
}

/** A caller-list field value as Pending changes may send it back: a list of entries with normalised numbers. */
export function validateCallerField(value: FieldValue | undefined): FieldError[] {
  const field = CALLER_LIST_FIELD;
  if (!Array.isArray(value)) return [{ field, message: 'Callers must be a list of entries.' }];
  const inputs: CallerEntryInput[] = [];
  const errors: FieldError[] = [];
  value.forEach((item, index) => {
    const record = item && typeof item === 'object' && !Array.isArray(item) ? item : null;
    const text = (key: string) => (record && typeof record[key] === 'string' ? (record[key] as string) : '');
    if (!record) errors.push({ field: `${field}.${index}`, message: `Row ${index + 1}: not an entry (number, label, expires, route)` });
    else if (normalizeNumber(text('number')) !== text('number')) errors.push({ field: `${field}.${index}.number`, message: `Row ${index + 1}: write the number as digits with an optional leading +` });
    inputs.push({ number: text('number'), label: text('label'), expires: text('expires'), route: text('route') });
  });
  return [...errors, ...validateCallerEntries(inputs).map((error) => ({ field: error.field.replace(/^entries/, field), message: error.message }))];
}
