/**
 * The envelope every IPC answer travels in. Handlers never throw across the
 * boundary: Electron would pass only `message`, and a WebSocket would pass
 * nothing, so errors are values with a stable code the renderer can act on.
 */
export type IpcErrorCode =
  | 'unknown_channel'
  | 'invalid_payload'
  | 'payload_too_large'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
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
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, issues?: string[]): Result<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/** An error a service throws on purpose, with the code the renderer should see. */
export class ConsoleError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}
