import path from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';
import { appendDurably, ensureDir, nodeFiles, readIfExists, type FileLayer } from '../storage/file-layer';
import type { FieldMap, PendingChange } from '../../../shared/domain/changes';
import type { MainMessage } from '../../../shared/domain/main-message';

/**
 * The journal on disk: an append-only JSON-lines log, one record per line,
 * each append fsync'd before the call returns. A crash can tear at most the
 * last line; opening the file drops a torn tail. Compaction rewrites the log
 * atomically (temp + fsync + rename) as one `snapshot` record per change still
 * worth keeping.
 */
export type JournalRecord =
  | { t: 'enqueued'; at: number; change: PendingChange }
  | { t: 'snapshot'; at: number; change: PendingChange }
  | { t: 'attempt'; at: number; id: string }
  | { t: 'applied'; at: number; id: string; alreadyApplied: boolean }
  /** `said`: the message by id, when the error carried one (docs/i18n.md); older journals have none. */
  | { t: 'retry-later'; at: number; id: string; message: string; said?: MainMessage; nextAttemptAt: number }
  /** `notPermitted`: the server refused the account (HTTP 403). */
  | { t: 'failed'; at: number; id: string; message: string; said?: MainMessage; notPermitted?: true }
  | { t: 'conflicted'; at: number; id: string; theirs: FieldMap }
  | { t: 'requeued'; at: number; id: string; base?: FieldMap; mine?: FieldMap }
  | { t: 'discarded'; at: number; id: string };

export interface JournalFileContents {
  records: JournalRecord[];
  /** Bytes dropped from a torn last line (0 when the file ended cleanly). */
  tornBytes: number;
  /** Bytes in the file as read. */
  size: number;
}

/**
 * Read every complete record; a damaged line in the middle is an error, a torn
 * last line is not. Lines are split on bytes, so a write torn inside a
 * multi-byte character is measured exactly.
 */
export function readJournalFile(file: string, files: FileLayer = nodeFiles): JournalFileContents {
  const bytes = readIfExists(file, files);
  if (!bytes) return { records: [], tornBytes: 0, size: 0 };
  const records: JournalRecord[] = [];
  // Everything after the last newline was never completed.
  const end = bytes.lastIndexOf(0x0a) + 1;
  let tornBytes = bytes.length - end;
  const lines = bytes.subarray(0, end).toString('utf8').split('\n');
  lines.pop();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      if (index === lines.length - 1) {
        // A last line that ends in a newline but does not parse: also torn (the newline came from a later, partial write).
        tornBytes += Buffer.byteLength(line, 'utf8') + 1;
        return;
      }
      throw new Error(`${path.basename(file)} line ${index + 1} is damaged and cannot be read.`);
    }
  });
  return { records, tornBytes, size: bytes.length };
}

export class JournalFile {
  private fd: number | null = null;
  private appendedSinceCompaction = 0;

  constructor(
    readonly file: string,
    private readonly files: FileLayer = nodeFiles,
  ) {}

  /** Read the log, cut off a torn tail so the next append starts on a clean line, and open for appending. */
  open(): JournalFileContents {
    const dir = path.dirname(this.file);
    ensureDir(dir, this.files);
    const contents = readJournalFile(this.file, this.files);
    if (contents.tornBytes > 0) this.files.truncate(this.file, contents.size - contents.tornBytes);
    this.fd = this.files.open(this.file, 'a');
    // A log created just now is durably named before anything is appended to it.
    this.files.fsyncDir(dir);
    this.appendedSinceCompaction = contents.records.length;
    return contents;
  }

  /** Durable when this returns: written and fsync'd. */
  append(record: JournalRecord): void {
    if (this.fd === null) throw new Error('the change journal is closed');
    appendDurably(this.fd, JSON.stringify(record) + '\n', this.files);
    this.appendedSinceCompaction++;
  }

  get recordsSinceCompaction(): number {
    return this.appendedSinceCompaction;
  }

  /** Replace the whole log with one snapshot per change, atomically. */
  compact(changes: readonly PendingChange[], now: number): void {
    const text = changes.map((change) => JSON.stringify({ t: 'snapshot', at: now, change } satisfies JournalRecord) + '\n').join('');
    this.close();
    try {
      writeFileAtomic(this.file, text, this.files);
    } finally {
      // Whether the new log replaced the old one or not, appends go on at whichever holds the name.
      this.fd = this.files.open(this.file, 'a');
    }
    this.appendedSinceCompaction = changes.length;
  }

  close(): void {
    if (this.fd !== null) this.files.close(this.fd);
    this.fd = null;
  }
}
