import fs from 'node:fs';
import path from 'node:path';
import { syncDirectory, writeFileAtomic } from '../storage/atomic-file';
import type { FieldMap, PendingChange } from '../../../shared/domain/changes';

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
  | { t: 'retry-later'; at: number; id: string; message: string; nextAttemptAt: number }
  | { t: 'failed'; at: number; id: string; message: string }
  | { t: 'conflicted'; at: number; id: string; theirs: FieldMap }
  | { t: 'requeued'; at: number; id: string; base?: FieldMap; mine?: FieldMap }
  | { t: 'discarded'; at: number; id: string };

export interface JournalFileContents {
  records: JournalRecord[];
  /** Bytes dropped from a torn last line (0 when the file ended cleanly). */
  tornBytes: number;
}

/** Read every complete record; a damaged line in the middle is an error, a torn last line is not. */
export function readJournalFile(file: string): JournalFileContents {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0 };
    throw error;
  }
  const records: JournalRecord[] = [];
  const lines = text.split('\n');
  // Everything after the last newline was never completed.
  const tail = lines.pop() ?? '';
  let tornBytes = Buffer.byteLength(tail, 'utf8');
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
  return { records, tornBytes };
}

export class JournalFile {
  private fd: number | null = null;
  private appendedSinceCompaction = 0;

  constructor(readonly file: string) {}

  /** Read the log, cut off a torn tail so the next append starts on a clean line, and open for appending. */
  open(): JournalFileContents {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const contents = readJournalFile(this.file);
    if (contents.tornBytes > 0) {
      const size = fs.statSync(this.file).size;
      fs.truncateSync(this.file, size - contents.tornBytes);
    }
    this.fd = fs.openSync(this.file, 'a', 0o600);
    syncDirectory(path.dirname(this.file));
    this.appendedSinceCompaction = contents.records.length;
    return contents;
  }

  /** Durable when this returns: written and fsync'd. */
  append(record: JournalRecord): void {
    if (this.fd === null) throw new Error('the change journal is closed');
    fs.writeSync(this.fd, JSON.stringify(record) + '\n');
    fs.fsyncSync(this.fd);
    this.appendedSinceCompaction++;
  }

  get recordsSinceCompaction(): number {
    return this.appendedSinceCompaction;
  }

  /** Replace the whole log with one snapshot per change, atomically. */
  compact(changes: readonly PendingChange[], now: number): void {
    const text = changes.map((change) => JSON.stringify({ t: 'snapshot', at: now, change } satisfies JournalRecord) + '\n').join('');
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    writeFileAtomic(this.file, text);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.appendedSinceCompaction = changes.length;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
