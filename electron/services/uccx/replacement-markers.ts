import path from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';
import { nodeFiles, type FileLayer } from '../storage/file-layer';

/**
 * Replacing a file in the UCCX repository is remove, then upload (whether an
 * upload overwrites is unconfirmed). Between the two the file is missing
 * because of the change itself. A marker, written durably before the remove
 * and cleared once the upload is stored, lets the next attempt (after a
 * failed upload, or after the console restarted) go on writing instead of
 * taking the missing file for a change someone else made.
 */
export class ReplacementMarkers {
  constructor(
    private readonly dir: string,
    private readonly files: FileLayer = nodeFiles,
  ) {}

  /** Note, durably, that change `changeId` is about to remove `filePath` to replace it. */
  set(changeId: string, filePath: string): void {
    writeFileAtomic(this.file(changeId), Buffer.from(filePath), this.files);
  }

  has(changeId: string): boolean {
    return this.files.exists(this.file(changeId));
  }

  clear(changeId: string): void {
    if (this.has(changeId)) this.files.unlink(this.file(changeId));
  }

  private file(changeId: string): string {
    return path.join(this.dir, `${changeId.replace(/[^\w-]/g, '_')}.replacing`);
  }
}
