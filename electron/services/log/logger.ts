import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../storage/file-layer';
import { tightenFile } from '../storage/private-files';

/**
 * The one logger of the main process. Every line passes through redaction:
 * any secret registered with `registerSecret` (passwords, PINs, tokens) is
 * replaced, in plain, base64 and URL-encoded form, before it reaches a file or
 * the terminal. Services register a secret the moment they receive it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const secrets = new Set<string>();

export function registerSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < 3) return;
  secrets.add(secret);
  secrets.add(Buffer.from(secret, 'utf8').toString('base64'));
  secrets.add(encodeURIComponent(secret));
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  // Credentials in Authorization headers never belong in a log, registered or not.
  return out.replace(/(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{6,}/g, '$1 ***');
}

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  child(scope: string): Logger;
}

interface Sink {
  file: string | null;
  stderr: boolean;
  minLevel: LogLevel;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const sink: Sink = { file: null, stderr: process.env.CONSOLE_LOG_STDERR === '1', minLevel: 'info' };

/** Send log lines to <dir>/console.log (created if needed; folder and file for the user only). */
export function configureLogFile(dir: string, minLevel: LogLevel = 'info'): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  sink.file = path.join(dir, 'console.log');
  tightenFile(sink.file);
  sink.minLevel = minLevel;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

function write(level: LogLevel, scope: string, message: string, detail: unknown): void {
  if (LEVEL_ORDER[level] < LEVEL_ORDER[sink.minLevel]) return;
  const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${describe(detail)}`);
  if (sink.file) {
    try {
      fs.appendFileSync(sink.file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full disk must not take the console down with it.
    }
  }
  if (sink.stderr || level === 'error') process.stderr.write(`${line}\n`);
}

export function createLogger(scope: string): Logger {
  return {
    debug: (m, d) => write('debug', scope, m, d),
    info: (m, d) => write('info', scope, m, d),
    warn: (m, d) => write('warn', scope, m, d),
    error: (m, d) => write('error', scope, m, d),
    child: (sub) => createLogger(`${scope}/${sub}`),
  };
}
