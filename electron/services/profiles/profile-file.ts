import fs from 'node:fs';
import type { z } from 'zod';
import { profileInputSchema, type ProfileInput } from '../../../shared/ipc/areas/connections';

/**
 * The profile file for automated set-up (`--profile FILE` and the Import
 * button), documented in docs/profile.md. JSON in the shape of
 * `profileInputSchema`. In a file given with --profile at start, a secret
 * field (a password, a header value) may be `${NAME}`, replaced by the
 * environment variable NAME so passwords need not be written in the file.
 * Nowhere else is the environment read: not in other fields (a name or a URL
 * could carry a variable to the screen or to any server) and never for the
 * Import button, whose text comes from the page.
 *
 * A bad file is a ProfileFileError: its message names the field, and the
 * hosts exit with code 2. Messages never quote a value,
 * so a password can never leak through one.
 */
export class ProfileFileError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ProfileFileError';
  }
}

const MAX_FILE_BYTES = 256 * 1024;
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Where `${NAME}` may stand: the fields whose values are secrets. */
const SECRET_FIELDS: ReadonlyArray<RegExp> = [/^uccx\.password$/, /^cupi\.password$/, /^reports\.password$/, /^reports\.headers\.[^.]+$/, /^finesse\.password$/];

export function readProfileFile(file: string, env: NodeJS.ProcessEnv = process.env): ProfileInput {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new ProfileFileError(`Profile file ${file} is ${size} bytes; a profile file is at most ${MAX_FILE_BYTES}.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ProfileFileError) throw error;
    throw new ProfileFileError(`Profile file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return parseProfileText(text, env, `Profile file ${file}`);
}

/**
 * Parse and validate; `source` starts every error message. With `env`
 * (a --profile file at start), `${NAME}` in secret fields is expanded;
 * without it (the Import button), any `${NAME}` is refused.
 */
export function parseProfileText(text: string, env: NodeJS.ProcessEnv | null, source = 'The profile'): ProfileInput {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // JSON.parse messages quote a few characters around the fault; name the position only.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new ProfileFileError(`${source} is not valid JSON${position ? ` (near character ${position})` : ''}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProfileFileError(`${source} must be a JSON object such as {"name": "...", "reports": {...}}.`);
  }
  const expanded = expandVariables(data, env, source, []);
  const parsed = profileInputSchema.safeParse(expanded);
  if (!parsed.success) throw new ProfileFileError(`${source}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function expandVariables(value: unknown, env: NodeJS.ProcessEnv | null, source: string, path: Array<string | number>): unknown {
  if (typeof value === 'string') {
    return value.replace(VARIABLE, (_match, name: string) => {
      const field = formatPath(path);
      if (!env) {
        throw new ProfileFileError(
          `${source}: field "${field}" uses \${${name}}; environment variables are read only from a profile file given with --profile at start. Type the value instead.`,
        );
      }
      if (!SECRET_FIELDS.some((pattern) => pattern.test(field))) {
        throw new ProfileFileError(`${source}: field "${field}" uses \${${name}}; environment variables may stand only in password and header fields.`);
      }
      const found = env[name];
      if (found === undefined) throw new ProfileFileError(`${source}: field "${formatPath(path)}" uses \${${name}}, but the environment variable ${name} is not set.`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => expandVariables(item, env, source, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandVariables(item, env, source, [...path, key])]));
  }
  return value;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(top level)';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const where = issue.path.length ? ` in "${formatPath(issue.path)}"` : '';
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}`;
      }
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `field "${formatPath(issue.path)}" is required`;
      // zod messages describe the expectation ("expected string"), never the value.
      return `field "${formatPath(issue.path)}" ${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}
