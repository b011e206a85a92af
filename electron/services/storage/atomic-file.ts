import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDir, nodeFiles, type FileLayer } from './file-layer';

/**
 * Write a file so that a crash or power cut leaves either the old or the new
 * content, never a torn mix: write a new temporary sibling, fsync it, rename
 * it over the target, fsync the folder. The temporary file has a random name
 * and is created exclusively (it must not exist, and a symlink planted at
 * that name is not followed), private (0600), in a private folder (0700).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, files: FileLayer = nodeFiles): void {
  const dir = path.dirname(file);
  ensureDir(dir, files);
  const temp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = files.open(temp, 'wx');
  try {
    try {
      files.write(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      files.fsync(fd);
    } finally {
      files.close(fd);
    }
    files.rename(temp, file);
  } catch (error) {
    try {
      files.unlink(temp);
    } catch {
      // Already renamed, or the folder is gone: nothing to clean up.
    }
    throw error;
  }
  files.fsyncDir(dir);
}

/** Read and parse a JSON file; null when it does not exist. Throws with the file name when it is damaged. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
  }
}
