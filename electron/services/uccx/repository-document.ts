import { ApplyError } from '../journal/journal';
import { ConsoleError } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import type { RepositoryDocumentView } from '../../../shared/domain/repository-documents';
import { asConsoleError, UccxHttpError } from './client';
import { repositoryFolder, type RepositoryEntry, type UccxRepository } from './repository';
import { childElements, parseXml, XmlParseError, type XmlElement } from './xml-tree';

/**
 * One folder of the UCCX document repository that the console keeps small
 * XML documents in for IVR scripts (caller lists, switches; docs/ivr.md),
 * and the parts every such document shares: the attribute escaping and time
 * format of the written XML, and the write itself (delete, upload, check).
 */

/** The repository operations these documents need (the document repository of UccxRepository). */
export type DocumentRepository = Pick<UccxRepository, 'list' | 'download' | 'upload' | 'remove' | 'createFolder'>;

/** Escape text for an attribute value: & < > " and ' become entities. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** "2026-12-02T09:00:00Z": the documents' time format (UTC, no milliseconds). */
export function documentTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ` name="value"`, escaped: one attribute as the documents write it. */
export function xmlAttribute(name: string, value: string): string {
  return ` ${name}="${escapeAttribute(value)}"`;
}

/**
 * What a flat document is (one root element holding one kind of item
 * element) and how large the console lets it be, with the words its
 * refusals use.
 */
export interface FlatDocumentKind {
  /** The root element ("callers"). */
  root: string;
  /** The item element ("caller"), and its plural in words ("callers"). */
  item: string;
  items: string;
  maxBytes: number;
  maxItems: number;
  /** "the console reads caller lists of at most 512 KB". */
  documents: string;
  /** "it is not a caller list". */
  aDocument: string;
  /** "the console edits lists of at most 5000". */
  editsAtMost: string;
  /** The error every refusal is thrown as (the document's own format error). */
  error: new (message: string) => Error;
}

/**
 * Check and parse a flat document's bytes: refused whole (`kind.error`) when
 * larger than `maxBytes`, not XML, rooted in another element or holding more
 * than `maxItems` items. Returns the root and its item elements; other
 * elements are ignored. A namespace prefix would break the scripts' XPath
 * (docs/ivr.md), but the local name is read anyway.
 */
export function readFlatDocument(bytes: Buffer, kind: FlatDocumentKind): { root: XmlElement; items: XmlElement[] } {
  if (bytes.length > kind.maxBytes) {
    throw new kind.error(`The document has ${bytes.length} bytes; the console reads ${kind.documents} of at most ${kind.maxBytes / 1024} KB.`);
  }
  let root: XmlElement;
  try {
    root = parseXml(bytes.toString('utf8'));
  } catch (error) {
    throw new kind.error(error instanceof XmlParseError ? error.message.replace('The server sent', 'The document is') : `The document is not XML: ${(error as Error).message}`);
  }
  const localName = (name: string) => name.slice(name.indexOf(':') + 1);
  if (localName(root.name) !== kind.root) throw new kind.error(`The document's root element is <${root.name}>, not <${kind.root}>: it is not ${kind.aDocument}.`);
  const items = childElements(root).filter((element) => localName(element.name) === kind.item);
  if (items.length > kind.maxItems) {
    throw new kind.error(`The document lists ${items.length} ${kind.items}; the console edits ${kind.editsAtMost} ${kind.maxItems}.`);
  }
  return { root, items };
}

/** An item's attribute, trimmed ('' when absent). */
export function attributeText(element: XmlElement, name: string): string {
  return (element.attributes[name] ?? '').trim();
}

/**
 * Changes whose document this console deleted and has not uploaded again yet
 * (the upload failed after the delete, or the console stopped in between):
 * their document is missing because of us, so the next attempt writes
 * instead of calling it a conflict. `ReplacementMarkers` keeps them on disk.
 */
export interface RemovalMarks {
  set(changeId: string, filePath: string): void;
  has(changeId: string): boolean;
  clear(changeId: string): void;
}

/** Removal marks kept in memory only (tests, or where no folder is at hand). */
export class MemoryRemovalMarks implements RemovalMarks {
  private readonly marked = new Set<string>();
  set(changeId: string): void {
    this.marked.add(changeId);
  }
  has(changeId: string): boolean {
    return this.marked.has(changeId);
  }
  clear(changeId: string): void {
    this.marked.delete(changeId);
  }
}

export class DocumentFolder {
  readonly folder: string;
  /** The folder is known to exist (created or seen), so writes skip looking. */
  private folderReady = false;

  constructor(
    private readonly repository: DocumentRepository,
    folder: string,
    /** The profile setting that names the folder, for the words of a missing language folder. */
    private readonly setting: string,
    private readonly removals: RemovalMarks = new MemoryRemovalMarks(),
  ) {
    this.folder = repositoryFolder(folder);
  }

  path(fileName: string): string {
    return `${this.folder}${fileName}`;
  }

  /** The files and folders in the folder (an absent folder has none). */
  list(): Promise<RepositoryEntry[]> {
    return this.repository.list('document', this.folder);
  }

  /** The document's bytes, or null when UCCX has none. */
  download(fileName: string): Promise<Buffer | null> {
    return this.repository.download('document', this.path(fileName));
  }

  /** What the folder's listing says about one file (undefined when it is not listed or the listing fails). */
  async listed(fileName: string): Promise<RepositoryEntry | undefined> {
    const listing = await this.list().catch(() => []);
    return listing.find((entry) => !entry.isFolder && entry.name === fileName);
  }

  /**
   * A document as an editor opens it: parsed (`empty` when UCCX holds none),
   * and where it stands (path, listing details, its own updated/updatedBy,
   * what was skipped). A UCCX refusal answers as its typed error; a document
   * that does not parse (`formatError`) is refused in words:
   * "<file> on UCCX cannot be read as <what>: <why>".
   */
  async open<T extends { updated: string; updatedBy: string; skipped: string[]; skippedMessages: MainMessage[] }>(
    fileName: string,
    parse: (bytes: Buffer) => T,
    formatError: new (message: string) => Error,
    what: string,
    empty: T,
  ): Promise<{ parsed: T; view: RepositoryDocumentView }> {
    const [bytes, file] = await Promise.all([
      this.download(fileName).catch((error: unknown) => {
        throw asConsoleError(error);
      }),
      this.listed(fileName),
    ]);
    let parsed = empty;
    if (bytes) {
      try {
        parsed = parse(bytes);
      } catch (error) {
        if (error instanceof formatError) throw new ConsoleError('rejected', `${fileName} on UCCX cannot be read as ${what}: ${error.message}`);
        throw error;
      }
    }
    const view: RepositoryDocumentView = {
      path: this.path(fileName),
      exists: bytes !== null,
      updated: parsed.updated,
      updatedBy: parsed.updatedBy,
      size: file?.size ?? null,
      dateModified: file?.dateModified ?? null,
      modifiedBy: file?.modifiedBy ?? null,
      skipped: parsed.skipped,
      skippedMessages: parsed.skippedMessages,
    };
    return { parsed, view };
  }

  /** The document is missing because this change deleted it and its upload has not landed yet. */
  removedBy(changeId: string): boolean {
    return this.removals.has(changeId);
  }

  /**
   * Write a document: delete the old one (the repository's upload is not
   * known to replace a file), upload the new one, then list the folder to
   * check UCCX holds a file of the size written.
   */
  async replace(changeId: string, fileName: string, bytes: Buffer, exists: boolean): Promise<void> {
    if (exists) {
      // Marked before the remove: a stop in between must not look like someone else's delete.
      this.removals.set(changeId, this.path(fileName));
      await this.repository.remove('document', this.path(fileName));
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
    this.removals.clear(changeId);
    const listed = (await this.list()).find((entry) => !entry.isFolder && entry.name === fileName);
    if (!listed) throw new ApplyError(`UCCX accepted ${fileName} but does not list it in ${this.folder}; checking again.`, true);
    if (listed.size !== null && listed.size !== bytes.length) {
      throw new ApplyError(`UCCX lists ${fileName} with ${listed.size} bytes; the console wrote ${bytes.length}. Checking again.`, true);
    }
  }

  /**
   * Create the folder (and any folder above it) below the language folder
   * when it does not exist yet: the first save of the first document.
   * A language is not created (UCCX adds languages with its own request).
   */
  private async ensureFolder(): Promise<void> {
    if (this.folderReady) return;
    const segments = this.folder.split('/').filter(Boolean);
    let parent = '/';
    for (const [index, segment] of segments.entries()) {
      const present = (await this.repository.list('document', parent)).some((entry) => entry.isFolder && entry.name === segment);
      if (!present) {
        if (index === 0) throw new ApplyError(`The UCCX document repository has no language folder /${segment}/; add the language in UCCX, or set ${this.setting} in the profile.`, false);
        await this.repository.createFolder('document', parent, segment);
      }
      parent = `${parent}${segment}/`;
    }
    this.folderReady = true;
  }
}
