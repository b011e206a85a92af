import fs from 'node:fs';
import path from 'node:path';

/**
 * The few file operations the durable stores (the change journal, its audit
 * log, atomic writes, queued prompt audio) are built from. Production uses
 * `nodeFiles`; the power-cut test passes an implementation that keeps what
 * was not fsync'd in memory and drops it at a simulated power cut, which is
 * how it proves that every fsync the stores rely on is really made.
 *
 * Durability rules the callers follow (as on Linux): data is durable once its
 * file is fsync'd; a create, rename or unlink is durable once the folder that
 * holds the name is fsync'd.
 */
export interface FileLayer {
  /** The whole file; throws an error with code ENOENT when it does not exist. */
  readFile(file: string): Buffer;
  exists(target: string): boolean;
  /**
   * 'a': append, creating the file if needed; 'wx': create a new file, failing
   * (EEXIST) if anything, a symlink included, already has that name. New files
   * are private (0600).
   */
  open(file: string, flags: 'a' | 'wx'): number;
  /** Write all of `data` at the end of the file. */
  write(fd: number, data: Uint8Array): void;
  fsync(fd: number): void;
  close(fd: number): void;
  truncate(file: string, size: number): void;
  rename(from: string, to: string): void;
  unlink(file: string): void;
  /** Create one folder (0700) whose parent exists. */
  mkdir(dir: string): void;
  /** Make creates, renames and unlinks in `dir` durable; a no-op where folders cannot be opened (Windows). */
  fsyncDir(dir: string): void;
}

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export const nodeFiles: FileLayer = {
  readFile: (file) => fs.readFileSync(file),
  exists: (target) => fs.existsSync(target),
  open: (file, flags) => fs.openSync(file, flags, PRIVATE_FILE_MODE),
  write(fd, data) {
    let offset = 0;
    while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
  },
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  truncate: (file, size) => fs.truncateSync(file, size),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (file) => fs.unlinkSync(file),
  mkdir: (dir) => fs.mkdirSync(dir, { mode: PRIVATE_DIR_MODE }),
  fsyncDir(dir) {
    let fd: number;
    try {
      fd = fs.openSync(dir, 'r');
    } catch {
      // Windows cannot open a folder for fsync; renames are still atomic there.
      return;
    }
    try {
      fs.fsyncSync(fd);
    } catch (error) {
      // Some file systems refuse fsync on a folder; everything else is a real failure.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** Create `dir` and any missing parents (0700), each durably linked into its parent. */
export function ensureDir(dir: string, files: FileLayer = nodeFiles): void {
  if (files.exists(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) ensureDir(parent, files);
  try {
    files.mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return;
  }
  files.fsyncDir(parent);
}

/** Append one whole record and fsync it: durable when this returns. */
export function appendDurably(fd: number, data: string, files: FileLayer): void {
  files.write(fd, Buffer.from(data, 'utf8'));
  files.fsync(fd);
}

/** The file's content, or null when it does not exist. */
export function readIfExists(file: string, files: FileLayer = nodeFiles): Buffer | null {
  try {
    return files.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
