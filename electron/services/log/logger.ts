import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../storage/file-layer';
import { tightenFile } from '../storage/private-files';

/**
 * The one logger of the main process. Every line passes through redaction:
 * any secret registered with `registerSecret` (passwords, PINs, tokens) is
 * replaced in every form it may take in text (plain, JSON- and XML-escaped,
 * base64, base64url, URL- and form-encoded) before it reaches a file or the
 * terminal. Services register a secret the moment they receive it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Secrets this short (a PIN can be one digit) would match inside unrelated
 * words and numbers, so they are replaced only where they stand alone, and
 * forgotten after SHORT_SECRET_TTL_MS: long enough for the request that
 * carries them and the errors it may cause, not long enough to blank every
 * small number in the log for the rest of the day.
 */
const SHORT_SECRET_LENGTH = 6;
const SHORT_SECRET_TTL_MS = 10 * 60_000;

/** Registered forms of long secrets, longest first (so a secret that contains another goes whole). */
let longForms: string[] = [];
/** Registered forms of short secrets → when they stop being redacted. */
const shortForms = new Map<string, number>();

/** The ways a secret can appear in text the console writes or receives. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]);
  return [...forms].filter((form) => form.length > 0);
}

export function registerSecret(secret: string | undefined | null, now = Date.now()): void {
  if (!secret) return;
  for (const form of secretForms(secret)) {
    if (form.length >= SHORT_SECRET_LENGTH) {
      if (!longForms.includes(form)) longForms = [...longForms, form].sort((a, b) => b.length - a.length);
    } else shortForms.set(form, Math.max(shortForms.get(form) ?? 0, now + SHORT_SECRET_TTL_MS));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redact(text: string, now = Date.now()): string {
  let out = text;
  for (const form of longForms) {
    if (out.includes(form)) out = out.split(form).join('***');
  }
  for (const [form, until] of shortForms) {
    if (until < now) {
      shortForms.delete(form);
      continue;
    }
    if (out.includes(form)) out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'), '***');
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
