/**
 * The UCCX repository of files (apis-2.md §4): documents and prompts, each a
 * tree of folders whose first level is the language (`/en_US/`, `/de_DE/`).
 * Both lab nodes read the same repository, as both product nodes read the
 * replicated database.
 *
 * Files arrive in two steps, as documented: `uploadFile` puts the bytes in a
 * temporary area (one per user), then a `<Files>` POST moves one of them
 * into a folder. Every step is recorded (`steps`) so tests can prove that a
 * client really used both.
 *
 * Lab choices where the product is unconfirmed [U]:
 * - step 2 refuses a name that already exists in the folder (409): replace is
 *   delete then upload, as public code does;
 * - deleting a folder that still holds files or folders is refused (409);
 * - prompts must be 8 kHz, 8-bit, mono G.711 (mu-law or A-law) WAVE files
 *   named *.wav, checked at step 1.
 */
import { EventEmitter } from 'node:events';
import { UccxApiError, invalidInput } from './model';
import { parseWav } from './wav';

export type RepositoryKind = 'document' | 'prompt';
export const REPOSITORY_KINDS: readonly RepositoryKind[] = ['document', 'prompt'];

/** The inner element of `<Files>` for each kind. */
export const REPOSITORY_ELEMENT: Record<RepositoryKind, string> = { document: 'Document', prompt: 'Prompt' };

export interface RepositoryItemDetails {
  size: number;
  /** Epoch ms. */
  dateModified: number;
  modifiedBy: string;
}

export interface RepositoryListing {
  /** Folder path, '/en_US/lists/'. */
  path: string;
  folders: Array<{ name: string } & RepositoryItemDetails>;
  files: Array<{ name: string } & RepositoryItemDetails>;
}

/** One step of an upload as a node answered it. */
export interface RepositoryStep {
  kind: RepositoryKind;
  step: 'uploadFile' | 'store';
  user: string;
  fileName: string;
  /** The folder of step 2. */
  folder?: string;
  bytes: number;
  at: number;
}

export interface RepositoryChange {
  kind: RepositoryKind;
  /** '/en_US/welcome.wav' or a folder path ending in '/'. */
  path: string;
  change: 'created' | 'updated' | 'deleted';
}

/** The largest file the lab accepts (bytes). */
export const MAX_REPOSITORY_FILE_BYTES = 8 * 1024 * 1024;
/** How many temporary uploads one user may leave behind before the oldest are forgotten. */
const MAX_TEMPORARY_PER_USER = 32;
const MAX_DEPTH = 8;
const MAX_SEGMENT_LENGTH = 128;
const STEP_LOG_LIMIT = 1000;

interface StoredFile {
  bytes: Buffer;
  dateModified: number;
  modifiedBy: string;
}

interface StoredFolder {
  dateModified: number;
  modifiedBy: string;
}

/** A repository folder or file name: no separators, no dot names, no control characters. */
function checkSegment(segment: string, what: string): string {
  if (segment === '' || segment === '.' || segment === '..' || segment.length > MAX_SEGMENT_LENGTH || /[/\\\u0000-\u001f\u007f]/.test(segment)) {
    throw invalidInput(what, `'${segment.slice(0, MAX_SEGMENT_LENGTH)}' is not a valid ${what}`);
  }
  return segment;
}

/** '/en_US/lists/', 'en_US/lists', '/' → the canonical folder path with both slashes. */
export function normalizeFolder(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length > MAX_DEPTH) throw invalidInput('path', `folders are at most ${MAX_DEPTH} levels deep`);
  for (const segment of segments) checkSegment(segment, 'folder name');
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** '/en_US/welcome.wav' → folder '/en_US/' and name 'welcome.wav'. */
export function splitFilePath(path: string): { folder: string; name: string } {
  const segments = path.split('/').filter((segment) => segment !== '');
  const name = segments.pop();
  if (name === undefined) throw invalidInput('path', 'a file path needs a file name');
  return { folder: normalizeFolder(segments.join('/')), name: checkSegment(name, 'file name') };
}

/** Why UCCX could not play this prompt, or null when it can. */
export function promptProblem(fileName: string, bytes: Buffer): string | null {
  if (!/\.wav$/i.test(fileName)) return `prompt file name '${fileName}' must end in .wav`;
  const info = parseWav(bytes);
  if (!info) return 'the uploaded file is not a RIFF/WAVE audio file';
  if ((info.formatTag !== 7 && info.formatTag !== 6) || info.sampleRate !== 8000 || info.channels !== 1 || info.bitsPerSample !== 8) {
    return `the prompt is ${info.sampleRate} Hz ${info.bitsPerSample}-bit ${info.channels === 1 ? 'mono' : `${info.channels}-channel`} ${info.format}; prompts must be 8 kHz, 8-bit, mono mu-law or A-law`;
  }
  return null;
}

class KindRepository {
  readonly folders = new Map<string, StoredFolder>([['/', { dateModified: 0, modifiedBy: 'system' }]]);
  readonly files = new Map<string, StoredFile>();
  /** user → file name → bytes waiting for step 2. */
  readonly temporary = new Map<string, Map<string, Buffer>>();
}

export class LabRepository extends EventEmitter<{ change: [RepositoryChange] }> {
  private readonly kinds = new Map<RepositoryKind, KindRepository>(REPOSITORY_KINDS.map((kind) => [kind, new KindRepository()]));
  /** Every upload step answered, oldest first (bounded). */
  readonly steps: RepositoryStep[] = [];

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  // ---- reading -----------------------------------------------------------

  /** The bytes of a file, or undefined. */
  read(kind: RepositoryKind, filePath: string): Buffer | undefined {
    const { folder, name } = splitFilePath(filePath);
    return this.kind(kind).files.get(folder + name)?.bytes;
  }

  isFolder(kind: RepositoryKind, path: string): boolean {
    return this.kind(kind).folders.has(normalizeFolder(path));
  }

  isFile(kind: RepositoryKind, path: string): boolean {
    const { folder, name } = splitFilePath(path);
    return this.kind(kind).files.has(folder + name);
  }

  /** Paths of every file of a kind, e.g. '/en_US/welcome.wav'. */
  filePaths(kind: RepositoryKind): string[] {
    return [...this.kind(kind).files.keys()];
  }

  /** What a folder holds, folders first, each sorted by name. 404 when there is no such folder. */
  list(kind: RepositoryKind, folderPath: string): RepositoryListing {
    const repository = this.kind(kind);
    const path = normalizeFolder(folderPath);
    if (!repository.folders.has(path)) throw new UccxApiError(404, 'Not Found', `${kind} folder '${path}' does not exist`, path);
    const folders: RepositoryListing['folders'] = [];
    for (const [candidate, stored] of repository.folders) {
      const name = childName(path, candidate, true);
      if (name !== null) folders.push({ name, size: 0, dateModified: stored.dateModified, modifiedBy: stored.modifiedBy });
    }
    const files: RepositoryListing['files'] = [];
    for (const [candidate, stored] of repository.files) {
      const name = childName(path, candidate, false);
      if (name !== null) files.push({ name, size: stored.bytes.length, dateModified: stored.dateModified, modifiedBy: stored.modifiedBy });
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    return { path, folders: folders.sort(byName), files: files.sort(byName) };
  }

  // ---- the two-step upload -------------------------------------------------

  /** Step 1: keep the bytes in the user's temporary area. A second upload of the same name replaces the first. */
  stageUpload(kind: RepositoryKind, user: string, fileName: string, bytes: Buffer): void {
    checkSegment(fileName, 'file name');
    if (bytes.length > MAX_REPOSITORY_FILE_BYTES) throw invalidInput('file', `files are at most ${MAX_REPOSITORY_FILE_BYTES} bytes`);
    if (kind === 'prompt') {
      const problem = promptProblem(fileName, bytes);
      if (problem) throw invalidInput('file', problem);
    }
    const repository = this.kind(kind);
    let area = repository.temporary.get(user);
    if (!area) repository.temporary.set(user, (area = new Map()));
    area.delete(fileName);
    area.set(fileName, Buffer.from(bytes));
    // Uploads never moved into the repository are forgotten, oldest first.
    while (area.size > MAX_TEMPORARY_PER_USER) area.delete(area.keys().next().value!);
    this.record({ kind, step: 'uploadFile', user, fileName, bytes: bytes.length, at: this.now() });
  }

  /** Step 2: move a file from the user's temporary area into a folder. */
  storeUpload(kind: RepositoryKind, user: string, folderPath: string, fileName: string): void {
    const repository = this.kind(kind);
    const folder = normalizeFolder(folderPath);
    checkSegment(fileName, 'file name');
    const area = repository.temporary.get(user);
    const bytes = area?.get(fileName);
    if (!bytes) throw new UccxApiError(404, 'Not Found', `no uploaded file '${fileName}' is waiting in the temporary folder; upload it with uploadFile first`, fileName);
    if (!repository.folders.has(folder)) throw new UccxApiError(404, 'Not Found', `${kind} folder '${folder}' does not exist`, folder);
    if (repository.files.has(folder + fileName)) {
      throw new UccxApiError(409, 'Conflict', `${folder}${fileName} already exists; delete it before uploading a replacement`, folder + fileName);
    }
    area!.delete(fileName);
    repository.files.set(folder + fileName, { bytes, dateModified: this.now(), modifiedBy: user });
    this.record({ kind, step: 'store', user, fileName, folder, bytes: bytes.length, at: this.now() });
    this.emit('change', { kind, path: folder + fileName, change: 'created' });
  }

  // ---- other writes --------------------------------------------------------

  /** Write a file directly (seed data, or a test changing it behind the console's back); the folder must exist. */
  put(kind: RepositoryKind, filePath: string, bytes: Buffer, modifiedBy = 'administrator'): void {
    const { folder, name } = splitFilePath(filePath);
    const repository = this.kind(kind);
    if (!repository.folders.has(folder)) throw new UccxApiError(404, 'Not Found', `${kind} folder '${folder}' does not exist`, folder);
    if (kind === 'prompt') {
      const problem = promptProblem(name, bytes);
      if (problem) throw invalidInput('file', problem);
    }
    const existed = repository.files.has(folder + name);
    repository.files.set(folder + name, { bytes: Buffer.from(bytes), dateModified: this.now(), modifiedBy });
    this.emit('change', { kind, path: folder + name, change: existed ? 'updated' : 'created' });
  }

  createFolder(kind: RepositoryKind, parentPath: string, name: string, modifiedBy = 'administrator'): string {
    const parent = normalizeFolder(parentPath);
    const repository = this.kind(kind);
    if (!repository.folders.has(parent)) throw new UccxApiError(404, 'Not Found', `${kind} folder '${parent}' does not exist`, parent);
    const path = normalizeFolder(parent + checkSegment(name, 'folder name'));
    if (repository.folders.has(path) || repository.files.has(parent + name)) throw new UccxApiError(409, 'Conflict', `${path} already exists`, path);
    repository.folders.set(path, { dateModified: this.now(), modifiedBy });
    this.emit('change', { kind, path, change: 'created' });
    return path;
  }

  /** A language is a folder at the top level, named like de_DE. */
  createLanguage(kind: RepositoryKind, name: string, modifiedBy = 'administrator'): string {
    if (!/^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(name)) throw invalidInput('LanguageName', `'${name.slice(0, 40)}' is not a language name like en_US`);
    return this.createFolder(kind, '/', name, modifiedBy);
  }

  /** Delete a file, or an empty folder. 404 when there is neither. */
  remove(kind: RepositoryKind, path: string): void {
    const repository = this.kind(kind);
    const segments = path.split('/').filter((segment) => segment !== '');
    if (segments.length === 0) throw new UccxApiError(405, 'Method Not Allowed', 'the repository root cannot be deleted');
    const asFolder = normalizeFolder(path);
    if (repository.folders.has(asFolder)) {
      const holdsSomething = [...repository.folders.keys(), ...repository.files.keys()].some((other) => other !== asFolder && other.startsWith(asFolder));
      if (holdsSomething) throw new UccxApiError(409, 'Conflict', `folder ${asFolder} is not empty`, asFolder);
      repository.folders.delete(asFolder);
      this.emit('change', { kind, path: asFolder, change: 'deleted' });
      return;
    }
    const { folder, name } = splitFilePath(path);
    if (!repository.files.delete(folder + name)) throw new UccxApiError(404, 'Not Found', `${kind} '${folder}${name}' does not exist`, folder + name);
    this.emit('change', { kind, path: folder + name, change: 'deleted' });
  }

  private kind(kind: RepositoryKind): KindRepository {
    return this.kinds.get(kind)!;
  }

  private record(step: RepositoryStep): void {
    this.steps.push(step);
    if (this.steps.length > STEP_LOG_LIMIT) this.steps.splice(0, this.steps.length - STEP_LOG_LIMIT);
  }
}

/** The name of `candidate` when it lies directly in `folder`, else null. */
function childName(folder: string, candidate: string, candidateIsFolder: boolean): string | null {
  if (candidate === folder || !candidate.startsWith(folder)) return null;
  const rest = candidateIsFolder ? candidate.slice(folder.length, -1) : candidate.slice(folder.length);
  return rest.includes('/') ? null : rest;
}
