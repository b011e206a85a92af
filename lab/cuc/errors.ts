/**
 * The error every CUPI rule violation becomes: an HTTP status plus the
 * code/message pair of an ErrorDetails body.
 *
 * The code vocabulary of the real product is not documented ([U]); the lab
 * uses a small, stable set so tests can tell failures apart, but clients must
 * only rely on the status and show the message to the person.
 */
export type CupiErrorCode =
  | 'INVALID_PARAMETER'
  | 'MISSING_PARAMETER'
  | 'DUPLICATE_OBJECT'
  | 'CREDENTIAL_POLICY_VIOLATION'
  | 'OPERATION_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'READ_ONLY_NODE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'SERVER_BUSY';

export class CupiError extends Error {
  constructor(
    readonly status: number,
    readonly code: CupiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CupiError';
  }
}

export function badRequest(message: string, code: CupiErrorCode = 'INVALID_PARAMETER'): CupiError {
  return new CupiError(400, code, message);
}

export function notFound(message: string): CupiError {
  return new CupiError(404, 'NOT_FOUND', message);
}
