import crypto from 'node:crypto';
import { ConsoleError } from '../../../shared/ipc/result';
import type { UccxRepositoryItem } from '../../../shared/domain/uccx';
import { type UccxClient, UccxHttpError, uccxHttpError } from './client';
import { childElements, element, serializeXml, textElement, textOf, child, type XmlElement } from './xml-tree';

/**
 * The UCCX repository of documents and prompts (apis-2.md §4), over the
 * UCCX client: reads from any node that answers, writes only to the
 * database master with the client's error mapping.
 *
 * - Upload is the documented two steps: a multipart/form-data POST to
 *   `/adminapi/{kind}/uploadFile` (part "file" with its file name) puts the
 *   file in a temporary folder [C for documents, P for prompts], then
 *   `POST /adminapi/{kind}` with `<Files><Document|Prompt><File>` moves it
 *   into a folder [C].
 * - Whether step 2 overwrites an existing name is [U]; callers replace a
 *   file by removing it first, as public code does.
 * - Listings are read tolerantly: an element that is missing or not
 *   understood becomes null, never a failure.
 * - Document download has no Cisco page [U]; its path prefix is an option.
 */
export type RepositoryKind = 'document' | 'prompt';

/** A file or folder as listed: the same shape the renderer gets for prompts. */
export type RepositoryEntry = UccxRepositoryItem;

export interface UccxRepositoryOptions {
  /** The segment after /adminapi/{kind}/ that downloads a file (default 'download' for both kinds). */
  downloadSegment?: Partial<Record<RepositoryKind, string>>;
}

const ELEMENT: Record<RepositoryKind, string> = { document: 'Document', prompt: 'Prompt' };

/**
 * The segments of a repository path. '.' and '..' are refused: encoded or
 * not, an HTTP client resolves them, so '/en_US/../../csq/1' would address
 * /adminapi/csq/1 instead of a file in the repository.
 */
function repositorySegments(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw new ConsoleError('rejected', `'${path.slice(0, 200)}' is not a repository path: a folder or file cannot be named . or ..`);
  }
  return segments;
}

/** '/en_US/lists/', 'en_US/lists', '/' → '/en_US/lists/' (or '/'). */
export function repositoryFolder(path: string): string {
  const segments = repositorySegments(path);
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** A repository path as URL segments, each encoded: '/en_US/a b.wav' → 'en_US/a%20b.wav'. */
function encodedPath(path: string): string {
  return repositorySegments(path).map(encodeURIComponent).join('/');
}

export class UccxRepository {
  constructor(
    private readonly client: UccxClient,
    private readonly options: UccxRepositoryOptions = {},
  ) {}

  /** The folders and files directly in a folder (default: the root, whose folders are the languages). */
  async list(kind: RepositoryKind, folder = '/'): Promise<RepositoryEntry[]> {
    const encoded = encodedPath(folder);
    const result = await this.client.getXml(`/adminapi/${kind}${encoded ? `/${encoded}` : ''}`);
    if (!result) return [];
    const wanted = repositoryFolder(folder);
    // <Files><Prompt><Folder/>…<File/>…</Prompt></Files>; tolerate a missing <Files> wrapper or a different case.
    const containers = result.root.name.toLowerCase() === ELEMENT[kind].toLowerCase() ? [result.root] : childElements(result.root).filter((item) => item.name.toLowerCase() === ELEMENT[kind].toLowerCase());
    const entries: RepositoryEntry[] = [];
    for (const container of containers) {
      for (const item of childElements(container)) {
        const kindOfItem = item.name.toLowerCase();
        if (kindOfItem !== 'folder' && kindOfItem !== 'file') continue;
        const isFolder = kindOfItem === 'folder';
        const name = textOfAny(item, isFolder ? ['FolderName', 'folderName', 'name'] : ['FileName', 'fileName', 'name']);
        // A name that is not one path segment could not be addressed again: the entry is left out.
        if (!name || name === '.' || name === '..' || /[/\\]/.test(name)) continue;
        const path = textOfAny(item, ['path', 'Path']);
        const folder = path ? folderOrNull(path) : wanted;
        if (folder === null) continue;
        const details = child(item, 'Details') ?? child(item, 'details');
        entries.push({
          folder,
          name,
          isFolder,
          size: toCount(textOfAny(details, ['size', 'Size'])),
          dateModified: textOfAny(details, ['dateModified', 'DateModified']) || null,
          modifiedBy: textOfAny(details, ['modifiedBy', 'ModifiedBy']) || null,
        });
      }
    }
    return entries;
  }

  /** The bytes of a file; null when UCCX says there is none (404). */
  async download(kind: RepositoryKind, filePath: string): Promise<Buffer | null> {
    const segment = this.options.downloadSegment?.[kind] ?? 'download';
    const path = `/adminapi/${kind}/${segment}/${encodedPath(filePath)}`;
    const { response, node } = await this.client.read(path, kind === 'prompt' ? 'audio/wav, application/octet-stream' : 'application/octet-stream, */*');
    if (response.status === 404) return null;
    if (response.status !== 200) throw uccxHttpError(response, node, 'GET', path);
    return response.body;
  }

  /**
   * Upload in two steps: the file to the temporary folder (multipart), then
   * the move into `folder`. `onProgress` follows step 1's bytes leaving.
   * Step 2 over an existing name may be refused: remove first to replace.
   */
  async upload(kind: RepositoryKind, folder: string, fileName: string, bytes: Buffer, onProgress?: (sent: number, total: number) => void): Promise<void> {
    repositorySegments(`${folder}/${fileName}`); // refuses . and .. before step 1 is sent
    const multipart = multipartFile(fileName, bytes, kind === 'prompt' ? 'audio/wav' : 'application/octet-stream');
    await this.client.write('POST', `/adminapi/${kind}/uploadFile`, multipart.body, multipart.contentType, onProgress);
    const files = element('Files', [element(ELEMENT[kind], [element('File', [textElement('path', repositoryFolder(folder)), textElement('FileName', fileName)])])]);
    await this.client.write('POST', `/adminapi/${kind}`, serializeXml(files));
  }

  /** Delete a file or folder; one that is already gone (404) is not an error. */
  async remove(kind: RepositoryKind, filePath: string): Promise<void> {
    try {
      await this.client.write('DELETE', `/adminapi/${kind}/${encodedPath(filePath)}`);
    } catch (error) {
      if (error instanceof UccxHttpError && error.status === 404) return;
      throw error;
    }
  }

  /** Create a folder in a folder (the documented body names the parent without its last slash: '/en_US'). */
  async createFolder(kind: RepositoryKind, parentFolder: string, name: string): Promise<void> {
    const parent = repositoryFolder(parentFolder);
    repositorySegments(`${parent}${name}`); // refuses a folder named . or ..
    const folder = element('Folder', [textElement('path', parent === '/' ? '/' : parent.slice(0, -1)), textElement('FolderName', name)]);
    await this.client.write('POST', `/adminapi/${kind}`, serializeXml(folder));
  }
}

/** A folder path as the server wrote it, normalised; null when it has . or .. segments. */
function folderOrNull(path: string): string | null {
  try {
    return repositoryFolder(path);
  } catch {
    return null;
  }
}

function textOfAny(parent: XmlElement | undefined, names: string[]): string {
  for (const name of names) {
    const found = child(parent, name);
    if (found) return textOf(found).trim();
  }
  return '';
}

function toCount(text: string): number | null {
  if (!/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** A multipart/form-data body with one part named "file". */
export function multipartFile(fileName: string, bytes: Buffer, contentType: string): { body: Buffer; contentType: string } {
  const boundary = `----SupervisorConsole${crypto.randomBytes(12).toString('hex')}`;
  // Quotes, backslashes and line breaks cannot appear inside the quoted filename.
  const safeName = fileName.replace(/["\\\r\n]/g, '_');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
