import { NetworkError } from '../../electron/services/net/network-error';
import { UccxHttpError } from '../../electron/services/uccx/client';
import type { DocumentRepository } from '../../electron/services/uccx/repository-document';
import type { RepositoryEntry, RepositoryKind } from '../../electron/services/uccx/repository';

/** An in-memory document repository with the behaviour the console relies on (404s, no overwrite, folders). */
export class MemoryRepository implements DocumentRepository {
  readonly folders = new Set(['/', '/en_US/']);
  readonly files = new Map<string, Buffer>();
  readonly calls: string[] = [];
  failNextUpload = false;
  /** Every upload fails (UCCX unreachable) until this is set back. */
  failUploads = false;
  /** What the listing says a file's size is (a write that did not land whole). */
  reportedSize: number | null = null;

  async list(_kind: RepositoryKind, folder = '/'): Promise<RepositoryEntry[]> {
    this.calls.push(`list ${folder}`);
    if (!this.folders.has(folder)) return [];
    const entries: RepositoryEntry[] = [];
    for (const other of this.folders) {
      const rest = other.slice(folder.length, -1);
      if (other !== folder && other.startsWith(folder) && !rest.includes('/')) entries.push({ folder, name: rest, isFolder: true, size: null, dateModified: null, modifiedBy: null });
    }
    for (const [path, bytes] of this.files) {
      const rest = path.slice(folder.length);
      if (path.startsWith(folder) && !rest.includes('/')) entries.push({ folder, name: rest, isFolder: false, size: this.reportedSize ?? bytes.length, dateModified: '2026-12-02T09:00:00.000Z', modifiedBy: 'administrator' });
    }
    return entries;
  }
  async download(_kind: RepositoryKind, filePath: string): Promise<Buffer | null> {
    return this.files.get(filePath) ?? null;
  }
  async upload(_kind: RepositoryKind, folder: string, fileName: string, bytes: Buffer): Promise<void> {
    this.calls.push(`upload ${folder}${fileName}`);
    if (this.failNextUpload || this.failUploads) {
      this.failNextUpload = false;
      throw new NetworkError('connection-reset', 'UCCX node ccx-a reset the connection.');
    }
    if (!this.folders.has(folder)) throw new UccxHttpError(404, `UCCX has no document folder ${folder}.`);
    if (this.files.has(folder + fileName)) throw new Error('exists');
    this.files.set(folder + fileName, Buffer.from(bytes));
  }
  async remove(_kind: RepositoryKind, filePath: string): Promise<void> {
    this.calls.push(`remove ${filePath}`);
    this.files.delete(filePath);
  }
  async createFolder(_kind: RepositoryKind, parent: string, name: string): Promise<void> {
    this.calls.push(`createFolder ${parent} ${name}`);
    this.folders.add(`${parent}${name}/`);
  }
}

