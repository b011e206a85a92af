import crypto from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../services/storage/atomic-file';
import { readIfExists } from '../services/storage/file-layer';

const TOKEN_FILE = 'host-token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The browser host's access token, kept in the data folder (0600) so that a
 * page left open (a wallboard on a TV) gets back in by itself after the host
 * restarts. Delete the file to issue a new token; pages holding the old one
 * then need the newly printed address once.
 */
export function hostToken(dataDir: string): string {
  const file = path.join(dataDir, TOKEN_FILE);
  const saved = readIfExists(file)?.toString('utf8').trim();
  if (saved && TOKEN_SHAPE.test(saved)) return saved;
  const token = crypto.randomBytes(24).toString('base64url');
  writeFileAtomic(file, token);
  return token;
}
