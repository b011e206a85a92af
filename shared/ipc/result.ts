/**
 * The envelope every IPC answer travels in. Handlers never throw across the
 * boundary: Electron would pass only `message`, and a WebSocket would pass
 * nothing, so errors are values with a stable code the renderer can act on.
 */
import type { FieldError } from '../domain/validation';
import type { MainMessage } from '../domain/main-message';

export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_payload'
  /** A value the user entered breaks a rule (a Integer parameter "abc", red before amber): `fields` names each. Nothing was queued or sent. */
  | 'invalid_value'
  | 'payload_too_large'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** The object is still used by others (a CSQ a team serves…): the message names them. Nothing was queued. */
  | 'in_use'
  | 'unavailable'
  | 'read_only'
  | 'rejected'
  | 'timeout'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  /** A sentence a supervisor can act on. Never contains a secret. */
  message: string;
  /** Field-level problems for invalid_payload, as `path: message`. */
  issues?: string[];
  /** For invalid_value: each field that was refused and why, keyed as the request named it. */
  fields?: FieldError[];
  /** The technical detail behind the sentence (error code, address, HTTP status), for a "Details" disclosure. Never contains a secret. */
  detail?: string;
  /** The sentence by message id, for the renderer to say in the user's language (docs/i18n.md, "Words from main"); `message` stays the English. */
  said?: MainMessage;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, issues?: string[], fields?: FieldError[], detail?: string, said?: MainMessage): Result<never> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}), ...(fields ? { fields } : {}), ...(detail ? { detail } : {}), ...(said ? { said } : {}) } };
}

/** An error a service throws on purpose, with the code the renderer should see. */
export class ConsoleError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    /** The technical detail behind the sentence (error code, address, HTTP status), for the log and a "Details" disclosure. */
    readonly detail?: string,
    /** The same sentence by message id (its values: numbers and server data), for the renderer to say in the user's language. */
    readonly said?: MainMessage,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/**
 * Values the user entered that break a rule (shared/domain validators): the
 * request is refused whole, before anything is queued or sent, and the
 * renderer can show each problem at its field.
 */
export class ValidationError extends ConsoleError {
  constructor(
    /** What was refused, e.g. "CSQ Billing". */
    what: string,
    readonly fields: FieldError[],
  ) {
    super('invalid_value', `${what} was not saved: ${fields.map((error) => `${error.field}: ${error.message}`).join(' ')}`);
    this.name = 'ValidationError';
  }
}

/** Throw a ValidationError when there are problems. */
export function refuseInvalid(what: string, errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(what, errors.slice(0, 50));
}
