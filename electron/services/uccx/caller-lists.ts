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
import { repositoryFolder, type UccxRepository } from './repository';
import { UccxHttpError, asConsoleError } from './client';
import type { ReplacementMarkers } from './replacement-markers';
import { CallerListFormatError, documentTime, parseCallerList, serializeCallerList } from './caller-list-document';

/** Where caller lists live unless the profile says otherwise (`uccx.callerListFolder`). */
export const DEFAULT_CALLER_LIST_FOLDER = '/en_US/lists/';

/** The repository operations caller lists need (the document repository of UccxRepository). */
export type CallerListRepository = Pick<UccxRepository, 'list' | 'download' | 'upload' | 'remove' | 'createFolder'>;

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
  readonly folder: string;
  /** The folder is known to exist (created or seen), so writes skip looking. */
  private folderReady = false;

  constructor(
    private readonly repository: CallerListRepository,
    private readonly hub: JournalHub,
    folder: string = DEFAULT_CALLER_LIST_FOLDER,
    private readonly now: () => number = Date.now,
    /** Saves whose old document was deleted and whose new one is not uploaded yet: kept on disk, so a restart goes on writing. */
    private readonly replacing: ReplacementMarkers,
  ) {
    this.folder = repositoryFolder(folder);
  }

  private path(name: string): string {
    return `${this.folder}${listFileName(name)}`;
  }

  /** The lists in the folder (files named `<list>.xml` with a usable list name). An absent folder has none. */
  async lists(): Promise<CallerListSummary[]> {
    const entries = await this.repository.list('document', this.folder).catch(typedError);
    return entries
      .filter((entry) => !entry.isFolder && /\.xml$/i.test(entry.name) && checkListName(entry.name.replace(/\.xml$/i, '')) === null)
      .slice(0, CALLER_LIST_LIMITS.maxLists)
      .map((entry) => ({ name: entry.name.replace(/\.xml$/i, ''), size: entry.size, dateModified: entry.dateModified, modifiedBy: entry.modifiedBy }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One list as UCCX holds it now, with what waiting changes will make of it. */
  async load(name: string): Promise<CallerListDocument> {
    refuseName(name);
    const [bytes, listing] = await Promise.all([this.repository.download('document', this.path(name)).catch(typedError), this.repository.list('document', this.folder).catch(() => [])]);
    const file = listing.find((entry) => !entry.isFolder && entry.name === listFileName(name));
    let parsed = { entries: [] as CallerEntry[], updated: '', updatedBy: '', skipped: [] as string[] };
    if (bytes) {
      try {
        parsed = parseCallerList(bytes);
      } catch (error) {
        if (error instanceof CallerListFormatError) throw new ConsoleError('rejected', `${listFileName(name)} on UCCX cannot be read as a caller list: ${error.message}`);
        throw error;
      }
    }
    const overlay = this.hub.journal?.overlay({ system: 'uccx', type: CALLER_LIST_TYPE, id: name });
    const queued = overlay && CALLER_LIST_FIELD in overlay ? entriesOfField(overlay[CALLER_LIST_FIELD]) : null;
    return {
      name,
      path: this.path(name),
      exists: bytes !== null,
      entries: parsed.entries,
      updated: parsed.updated,
      updatedBy: parsed.updatedBy,
      size: file?.size ?? null,
      dateModified: file?.dateModified ?? null,
      modifiedBy: file?.modifiedBy ?? null,
      skipped: parsed.skipped,
      queued,
    };
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
    const bytes = await this.repository.download('document', this.path(change.ref.id));
    if (bytes === null) {
      // Deleted by this console's own save, whose upload has not landed yet: what was there is what the change started from.
      if (this.replacing.has(change.id)) return { exists: false, entries: entriesOfField(change.base[CALLER_LIST_FIELD]) };
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

  /**
   * Write the list: delete the old document (the repository's upload is not
   * known to replace a file), upload the new one, then list the folder to
   * check UCCX holds a file of the size written.
   */
  async apply(change: PendingChange, current: CallerListObject | null): Promise<void> {
    const name = change.ref.id;
    const fileName = listFileName(name);
    const entries = entriesOfField(change.mine[CALLER_LIST_FIELD]).flatMap((entry) => cleanEntry(entry) ?? []);
    const bytes = serializeCallerList({ name, entries, updated: documentTime(this.now()), updatedBy: change.user });
    if (current?.exists) {
      this.replacing.set(change.id, this.path(name));
      await this.repository.remove('document', this.path(name));
    }
    await this.ensureFolder();
    try {
      await this.repository.upload('document', this.folder, fileName, bytes);
    } catch (error) {
      if (!(error instanceof UccxHttpError && error.status === 404)) throw error;
      // The folder was removed on UCCX since the console last saw it: look again (creating it), then upload once more.
      this.folderReady = false;
      await this.ensureFolder();
      await this.repository.upload('document', this.folder, fileName, bytes);
    }
    this.replacing.clear(change.id);
    const listed = (await this.repository.list('document', this.folder)).find((entry) => !entry.isFolder && entry.name === fileName);
    if (!listed) throw new ApplyError(`UCCX accepted ${fileName} but does not list it in ${this.folder}; checking again.`, true);
    if (listed.size !== null && listed.size !== bytes.length) {
      throw new ApplyError(`UCCX lists ${fileName} with ${listed.size} bytes; the console wrote ${bytes.length}. Checking again.`, true);
    }
  }

  /**
   * Create the list folder (and any folder above it) below the language
   * folder when it does not exist yet: the first save of the first list.
   * A language is not created (UCCX adds languages with its own request).
   */
  private async ensureFolder(): Promise<void> {
    if (this.folderReady) return;
    const segments = this.folder.split('/').filter(Boolean);
    let parent = '/';
    for (const [index, segment] of segments.entries()) {
      const present = (await this.repository.list('document', parent)).some((entry) => entry.isFolder && entry.name === segment);
      if (!present) {
        if (index === 0) throw new ApplyError(`The UCCX document repository has no language folder /${segment}/; add the language in UCCX, or set uccx.callerListFolder in the profile.`, false);
        await this.repository.createFolder('document', parent, segment);
      }
      parent = `${parent}${segment}/`;
    }
    this.folderReady = true;
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
