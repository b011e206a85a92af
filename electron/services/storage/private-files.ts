import fs from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './file-layer';

/**
 * Everything the console writes is for the signed-in user only: folders 0700,
 * files 0600. New ones are created so; these helpers tighten ones that already
 * exist (a data folder from an older version, or one the user made). On
 * Windows, modes do not apply and both are no-ops.
 */
const modesApply = process.platform !== 'win32';

/** Create `dir` (and missing parents) private, or take group and other access away from an existing one. Answers a warning when it stays open to others. */
export function preparePrivateDir(dir: string): string | null {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!modesApply) return null;
  try {
    if ((fs.statSync(dir).mode & 0o077) === 0) return null;
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
    if ((fs.statSync(dir).mode & 0o077) === 0) return null;
    return `The data folder ${dir} is still readable by other users after chmod 700 (its file system ignores permissions); keep it on a private disk.`;
  } catch (error) {
    return `The data folder ${dir} is readable by other users and could not be made private: ${(error as Error).message}. Run chmod 700 on it.`;
  }
}

/** Take group and other access away from a file that exists (ignored when it does not or cannot be changed). */
export function tightenFile(file: string): void {
  if (!modesApply) return;
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // Missing (created private later) or not ours: nothing to tighten.
  }
}

/**
 * Options for conf and electron-store that keep a store private: its folder
 * made now (0700; they would create it readable by everyone), its file
 * written 0600, and a damaged file kept for the console to report rather
 * than silently wiped (clearInvalidConfig). Call tightenFile(store.path)
 * afterwards for a file an older version left readable.
 */
export function privateStoreOptions(dir: string): { cwd: string; configFileMode: number; clearInvalidConfig: false } {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return { cwd: dir, configFileMode: PRIVATE_FILE_MODE, clearInvalidConfig: false };
}
